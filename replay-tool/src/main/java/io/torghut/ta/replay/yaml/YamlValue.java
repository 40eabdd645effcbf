package io.torghut.ta.replay.yaml;

/**
 * A typed scalar to write. Strings stay strings in YAML (a ConfigMap value or an env value must not
 * turn into a boolean or a number), integers are written plain.
 */
public sealed interface YamlValue permits YamlValue.Str, YamlValue.Int {

    /** The value as a plain Java string, for messages and comparisons. */
    String text();

    /** A string value. */
    record Str(String text) implements YamlValue {}

    /** An integer value such as a nonce. */
    record Int(long value) implements YamlValue {
        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    static YamlValue str(String s) {
        return new Str(s);
    }

    static YamlValue integer(long v) {
        return new Int(v);
    }
}
