package io.torghut.ta.replay.manifests;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TA job's config keys. For now read from expected-job-config-keys.txt; it will be switched to
 * the job's own registry {@code io.torghut.ta.job.config.TaConfigKeys} when ta-job lands, and this
 * is the one place to change.
 */
record JobConfigKeys(Set<String> all, Set<String> secret) {
    static JobConfigKeys load() throws IOException {
        Set<String> all = new TreeSet<>();
        Set<String> secret = new TreeSet<>();
        for (String line :
                Files.readAllLines(
                        GitOpsFixture.resource("expected-job-config-keys.txt"),
                        StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            all.add(parts[0]);
            if (parts.length > 1 && parts[1].equals("secret")) {
                secret.add(parts[0]);
            }
        }
        return new JobConfigKeys(all, secret);
    }

    Set<String> nonSecret() {
        Set<String> s = new TreeSet<>(all);
        s.removeAll(secret);
        return s;
    }
}
