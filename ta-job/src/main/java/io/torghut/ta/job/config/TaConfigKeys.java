package io.torghut.ta.job.config;

import java.util.Set;
import java.util.TreeSet;

/** The job's configuration key registry, for tools that check manifests against it. */
public final class TaConfigKeys {
    private TaConfigKeys() {}

    /** Every key the job knows, sorted. */
    public static Set<String> all() {
        return TaConfigKey.names();
    }

    /** The keys that hold credentials and belong in Secrets, not in the ConfigMap. */
    public static Set<String> secrets() {
        Set<String> out = new TreeSet<>();
        for (TaConfigKey k : TaConfigKey.values()) {
            if (k.isSecret()) {
                out.add(k.name());
            }
        }
        return out;
    }
}
