package io.torghut.ta.replay.gitops;

import io.torghut.ta.replay.yaml.YamlValue;

/** One scalar edit: the field, its value before (null when absent) and the value to write. */
public record Change(Field field, String before, YamlValue after) {

    /** True when the file already holds the target value, so writing it changes nothing. */
    public boolean isNoOp() {
        return after.text().equals(before);
    }

    /** One line for humans: file, path, old value, new value. */
    public String describe(GitOpsFiles files) {
        return files.display(field.role())
                + ": "
                + field.path()
                + ": "
                + (before == null ? "(absent)" : before)
                + " -> "
                + after.text();
    }
}
