package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platform's live files as test fixtures: our own reproduction of the torghut GitOps manifests
 * (TA ConfigMap, FlinkDeployment, kustomization, metrics Service, trading Knative Service, Strimzi
 * topics) and of the production ClickHouse DDL, on the classpath under {@value #ROOT}.
 *
 * <p>The manifests sit at the paths they have in the GitOps repository ({@code proompteng/lab}), so
 * {@link #copyGitOpsCheckout(Path)} gives the replay tool a checkout laid out as the real one. The
 * {@code README.md} beside the fixtures says what each one stands for and how it differs (comments
 * only, written anew).
 */
public final class ProductionFixtures {

    /** Classpath folder of the fixtures (and of their README). */
    public static final String ROOT = "/io/torghut/ta/testkit/production/";

    /** One fixture file; {@link #path()} is its path relative to {@link #ROOT}. */
    public enum Fixture {
        /** The trading service (Knative Service {@code torghut}). */
        KNATIVE_SERVICE("argocd/applications/torghut/knative-service.yaml"),
        /** The TA job's ConfigMap {@code torghut-ta-config}. */
        TA_CONFIGMAP("argocd/applications/torghut/ta/configmap.yaml"),
        /** The TA job's FlinkDeployment {@code torghut-ta}. */
        TA_FLINKDEPLOYMENT("argocd/applications/torghut/ta/flinkdeployment.yaml"),
        /** The kustomization of the TA folder. */
        TA_KUSTOMIZATION("argocd/applications/torghut/ta/kustomization.yaml"),
        /** The Service {@code torghut-ta-metrics} (JobManager, port 9249). */
        TA_METRICS_SERVICE("argocd/applications/torghut/ta/metrics-service.yaml"),
        /** The Strimzi KafkaTopic resources of torghut. */
        KAFKA_TOPICS("argocd/applications/kafka/torghut-topics.yaml"),
        /** The ClickHouse DDL the production TA job runs at start-up (not part of the checkout). */
        CLICKHOUSE_DDL("clickhouse/ta-schema.sql");

        private final String path;

        Fixture(String path) {
            this.path = path;
        }

        /** Path relative to {@link #ROOT}; for manifests, also relative to the checkout root. */
        public String path() {
            return path;
        }

        /** Whether the fixture belongs to the GitOps checkout ({@code argocd/} tree). */
        public boolean inGitOpsCheckout() {
            return path.startsWith("argocd/");
        }
    }

    private ProductionFixtures() {}

    /** The fixture's content, decoded as UTF-8. */
    public static String text(Fixture fixture) {
        return new String(bytes(fixture), StandardCharsets.UTF_8);
    }

    /** Writes the fixture's bytes to {@code target} (creating its parent folders); returns it. */
    public static Path copyTo(Fixture fixture, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(target, bytes(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write fixture " + fixture + " to " + target, e);
        }
    }

    /**
     * Writes every {@code argocd/} fixture under {@code dir} at its GitOps path, so that {@code
     * dir} can serve as the replay tool's checkout root; returns {@code dir}.
     */
    public static Path copyGitOpsCheckout(Path dir) {
        for (Fixture fixture : Fixture.values()) {
            if (fixture.inGitOpsCheckout()) {
                copyTo(fixture, dir.resolve(fixture.path()));
            }
        }
        return dir;
    }

    private static byte[] bytes(Fixture fixture) {
        String resource = ROOT + fixture.path();
        try (InputStream in = ProductionFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture not on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read fixture " + resource, e);
        }
    }
}
