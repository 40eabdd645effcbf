package io.torghut.ta.replay.gitops;

import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.yaml.YamlEditException;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import io.torghut.ta.replay.yaml.YamlValue;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of the three GitOps files as one immutable value, so a step can be computed, checked
 * and printed before anything is written, and a whole procedure can be simulated in memory.
 */
public final class Texts {
    private final Map<FileRole, String> byRole;

    public Texts(Map<FileRole, String> byRole) {
        this.byRole = new EnumMap<>(byRole);
        for (FileRole role : FileRole.values()) {
            if (!this.byRole.containsKey(role)) {
                throw new IllegalArgumentException("missing file for " + role);
            }
        }
    }

    public String text(FileRole role) {
        return byRole.get(role);
    }

    /** The field's scalar value, or empty when the file does not set it. */
    public Optional<String> read(Field field) {
        return YamlScalarEditor.read(byRole.get(field.role()), field.path());
    }

    /**
     * A copy with the change applied to its file; other files are shared, not copied.
     *
     * @throws BadInputException if the file's shape does not allow the edit (e.g. it has no {@code
     *     spec.job} to set the job state in): the manifest, not the tool, needs fixing
     */
    public Texts apply(Change change) {
        FileRole role = change.field().role();
        Map<FileRole, String> next = new EnumMap<>(byRole);
        try {
            next.put(
                    role,
                    YamlScalarEditor.set(byRole.get(role), change.field().path(), change.after()));
        } catch (YamlEditException e) {
            throw new BadInputException(
                    "cannot edit the " + role.description() + ": " + e.getMessage(), e);
        }
        return new Texts(next);
    }

    public Texts applyAll(List<Change> changes) {
        Texts t = this;
        for (Change c : changes) {
            t = t.apply(c);
        }
        return t;
    }

    /** A change of {@code field} to {@code value}, with the current value recorded as before. */
    public Change change(Field field, YamlValue value) {
        return new Change(field, read(field).orElse(null), value);
    }
}
