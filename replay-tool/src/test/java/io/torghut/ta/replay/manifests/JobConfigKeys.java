package io.torghut.ta.replay.manifests;

import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.config.TaConfigKeys;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The TA job's config keys, from the job's own registry {@link TaConfigKeys}, and the keys the
 * ConfigMap deliberately leaves out ({@link #OPTIONAL}, each with its reason).
 */
record JobConfigKeys(Set<String> all, Set<String> secret) {
    /**
     * Keys the job knows that the ConfigMap does not carry, with the reason. Only legacy keys (the
     * job accepts and ignores them) may be listed here; the manifests test checks that.
     */
    static final Map<String, String> OPTIONAL =
            new TreeMap<>(
                    Map.of(
                            "TA_HTTP_HOST",
                            "legacy, ignored: the Flink job serves no HTTP (production's"
                                    + " ConfigMap still sets it for the job this one replaces)",
                            "TA_HTTP_PORT",
                            "legacy, ignored: the Flink job serves no HTTP (production's"
                                    + " ConfigMap still sets it for the job this one replaces)"));

    static JobConfigKeys load() {
        return new JobConfigKeys(TaConfigKeys.all(), TaConfigKeys.secrets());
    }

    /** The job's kind of a key it knows. */
    static TaConfigKey.Kind kind(String key) {
        return TaConfigKey.valueOf(key).kind();
    }

    /**
     * The keys the ConfigMap must hold: every non-secret key that is not optional, each under its
     * own name (an alias is another name for a key the ConfigMap already holds).
     */
    Set<String> required() {
        Set<String> s = new TreeSet<>(all);
        s.removeAll(secret);
        s.removeAll(OPTIONAL.keySet());
        s.removeIf(k -> kind(k) == TaConfigKey.Kind.ALIAS);
        return s;
    }
}
