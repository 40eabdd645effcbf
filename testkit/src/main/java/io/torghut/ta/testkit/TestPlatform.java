package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;

/**
 * The platform the job drops into, on loopback: a Kafka broker, an S3 API for checkpoints and
 * savepoints, a ClickHouse server and a Flink MiniCluster, each started on first use. Every
 * integration test builds on one: it asks for the servers it needs and runs its {@link JobScenario
 * scenarios} on them.
 *
 * <p>{@link #shared()} is one platform per JVM (per Maven module's test run), shared by every test
 * class of the module and closed when the JVM exits; tests keep out of each other's way by scenario
 * names (topics, consumer groups, state directories and ClickHouse databases carry them). A test
 * that stops or restarts a server (an outage), kills TaskManagers or needs a ClickHouse user of its
 * own takes an {@link #isolated(Path) isolated} platform and closes it.
 *
 * <p>Flink's S3 filesystem is configured once per JVM ({@code FileSystem.initialize}, which a
 * MiniCluster never calls itself), when the platform's S3 server starts: so a JVM runs either the
 * shared platform or isolated ones, one at a time, never both.
 */
public final class TestPlatform implements AutoCloseable {
    /** The S3 access key every platform's S3 server requires. */
    public static final String S3_ACCESS_KEY = "ta-test-access";

    /** The S3 secret key every platform's S3 server requires; tests check it never leaks. */
    public static final String S3_SECRET_KEY = "ta-test-secret-7Hq2";

    /** The bucket created at start; scenarios keep their state under their own prefix in it. */
    public static final String BUCKET = "ckpt";

    private static TestPlatform shared;

    private final Path dir;
    private final boolean ownsDir;
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private final String clickhouseUser;
    private final String clickhousePassword;
    private final Map<String, String> flinkConfiguration;
    private KafkaTestCluster kafka;
    private S3ProxyServer s3;
    private ClickHouseServer clickhouse;
    private LocalFlink flink;

    private TestPlatform(Builder b, boolean ownsDir) {
        this.dir = b.dir;
        this.ownsDir = ownsDir;
        this.taskManagers = b.taskManagers;
        this.slotsPerTaskManager = b.slotsPerTaskManager;
        this.clickhouseUser = b.clickhouseUser;
        this.clickhousePassword = b.clickhousePassword;
        this.flinkConfiguration = Map.copyOf(b.flinkConfiguration);
    }

    /** The JVM's shared platform: servers start on first use and stop when the JVM exits. */
    public static synchronized TestPlatform shared() {
        if (shared == null) {
            try {
                Builder b = new Builder(Files.createTempDirectory("ta-platform-"));
                // Four slots: a parallelism-2 job that a failed test left running does not
                // starve the next one.
                b.taskManagers(1, 4);
                shared = new TestPlatform(b, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the platform's directory", e);
            }
            TestPlatform platform = shared;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(platform::close, "test-platform-shutdown"));
        }
        return shared;
    }

    /** A platform of its own under {@code dir} (the caller's, e.g. a {@code @TempDir}). */
    public static Builder isolated(Path dir) {
        return new Builder(Objects.requireNonNull(dir, "dir"));
    }

    /** Settings of an isolated platform; validated in {@link #build()}. */
    public static final class Builder {
        private final Path dir;
        private int taskManagers = 1;
        private int slotsPerTaskManager = 2;
        private String clickhouseUser;
        private String clickhousePassword;
        private final Map<String, String> flinkConfiguration = new LinkedHashMap<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The MiniCluster's shape (default one TaskManager of two slots). */
        public Builder taskManagers(int count, int slotsEach) {
            this.taskManagers = count;
            this.slotsPerTaskManager = slotsEach;
            return this;
        }

        /** A ClickHouse user with a password, whom the job connects as (default: default). */
        public Builder clickhouseUser(String user, String password) {
            this.clickhouseUser = Objects.requireNonNull(user, "user");
            this.clickhousePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Cluster settings of the MiniCluster on top of {@link LocalFlink}'s (e.g. a metrics
         * reporter), as a FlinkDeployment's {@code flinkConfiguration} sets them.
         */
        public Builder flinkConfiguration(Map<String, String> settings) {
            flinkConfiguration.putAll(settings);
            return this;
        }

        /** The platform; nothing starts until a test asks for a server. */
        public TestPlatform build() {
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException(
                        "taskManagers and slotsEach must be >= 1, got "
                                + taskManagers
                                + " and "
                                + slotsPerTaskManager);
            }
            return new TestPlatform(this, false);
        }
    }

    /** The Kafka broker (KRaft, one node). */
    public synchronized KafkaTestCluster kafka() {
        if (kafka == null) {
            kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        }
        return kafka;
    }

    /** The S3 API (s3proxy) with {@link #BUCKET}; Flink's s3a filesystem points at it. */
    public synchronized S3ProxyServer s3() {
        if (s3 == null) {
            s3 = S3ProxyServer.start(dir.resolve("s3"), S3_ACCESS_KEY, S3_SECRET_KEY, BUCKET);
            Configuration fs = new Configuration();
            s3.flinkS3Config().forEach(fs::setString);
            FileSystem.initialize(fs, null);
        }
        return s3;
    }

    /** The ClickHouse server (Debian's 18.16), with the platform's user if it has one. */
    public synchronized ClickHouseServer clickhouse() {
        if (clickhouse == null) {
            ClickHouseServer.Builder b = ClickHouseServer.builder(dir.resolve("clickhouse"));
            if (clickhouseUser != null) {
                b.withUser(clickhouseUser, clickhousePassword);
            }
            clickhouse = b.start();
        }
        return clickhouse;
    }

    /** The ClickHouse user the job connects as. */
    public String clickhouseUser() {
        return clickhouseUser == null ? "default" : clickhouseUser;
    }

    /** That user's password, or null for the passwordless default user. */
    public String clickhousePassword() {
        return clickhousePassword;
    }

    /** The Flink MiniCluster; starts S3 first, where jobs keep their checkpoints. */
    public synchronized LocalFlink flink() {
        if (flink == null) {
            s3();
            flink = LocalFlink.start(taskManagers, slotsPerTaskManager, flinkConfiguration);
        }
        return flink;
    }

    /** A directory of the platform's for a test's files. */
    public Path dir(String name) {
        try {
            return Files.createDirectories(dir.resolve("files").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario named {@code name} on this platform (see {@link JobScenario.Builder}). */
    public JobScenario.Builder scenario(String name) {
        return new JobScenario.Builder(this, name);
    }

    /** Stops every server that was started, Flink first; best effort, in reverse order. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[] {flink, clickhouse, s3, kafka}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Best effort: the next server still gets closed.
                }
            }
        }
        flink = null;
        clickhouse = null;
        s3 = null;
        kafka = null;
        if (ownsDir) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is not worth failing a finished run for.
        }
    }
}
