package io.torghut.ta.replay.testutil;

import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The GitOps checkouts the production golden tests run on, each at the tool's default paths: the
 * production one (testkit's fixtures of the live files) and ours, which runs the job in last-state
 * with Kubernetes HA.
 */
public enum Checkout {
    /**
     * Production as it is: upgradeMode savepoint with initialSavepointPath and
     * savepointRedeployNonce, no HA, trading already off, comments and the embedded log
     * configuration.
     */
    PRODUCTION("production") {
        @Override
        public Path writeTo(Path root) {
            return ProductionFixtures.copyGitOpsCheckout(root);
        }
    },
    /**
     * This repository's flinkdeployment/ (last-state, Kubernetes HA in a kustomize patch, the
     * kustomization and every patch beside the FlinkDeployment) as the TA folder, with production's
     * trading service.
     */
    LAST_STATE_HA("last-state-ha") {
        @Override
        public Path writeTo(Path root) {
            Path ta = root.resolve(GitOpsFixture.FLINKDEPLOYMENT).getParent();
            try (Stream<Path> files = Files.list(OWN_MANIFESTS)) {
                Files.createDirectories(ta);
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, ta.resolve(f.getFileName().toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProductionFixtures.copyTo(
                    Fixture.KNATIVE_SERVICE, root.resolve(Fixture.KNATIVE_SERVICE.path()));
            return root;
        }
    };

    /** This repository's manifests, from the module directory the tests run in. */
    public static final Path OWN_MANIFESTS = Path.of("..", "flinkdeployment");

    private final String goldenName;

    Checkout(String goldenName) {
        this.goldenName = goldenName;
    }

    /** Writes the checkout under {@code root}; returns {@code root}. */
    public abstract Path writeTo(Path root);

    /** The folder of this checkout's goldens under {@code golden/}. */
    public String goldenName() {
        return goldenName;
    }
}
