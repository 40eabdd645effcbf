package io.torghut.ta.testkit;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse server: the Debian {@code clickhouse-server} binary (18.16) started as a child
 * process with a generated config on free loopback ports and a caller-supplied directory.
 *
 * <p>{@link #stop()} and {@link #start()} restart it on the same ports and data directory, so tests
 * can simulate an outage. The child is destroyed on {@link #close()} and, as a safety net, on JVM
 * exit. A missing binary fails loudly: tests must never skip silently.
 */
public final class ClickHouseServer implements AutoCloseable {

    /** Environment variable that overrides where the server binary is. */
    public static final String BINARY_ENV = "CLICKHOUSE_SERVER_BIN";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> LIVE.forEach(Process::destroyForcibly),
                                "clickhouse-test-server-reaper"));
    }

    private final Path baseDir;
    private final Path binary;
    private final int httpPort;
    private final int tcpPort;
    private final String extraUser;
    private final String extraPassword;
    private final Set<String> readOnlyUsers = ConcurrentHashMap.newKeySet();
    private Process process;

    private ClickHouseServer(Builder builder, Path binary, int[] ports) {
        this.baseDir = builder.baseDir;
        this.binary = binary;
        this.httpPort = ports[0];
        this.tcpPort = ports[1];
        this.extraUser = builder.user;
        this.extraPassword = builder.password;
    }

    /** Starts a server with only the passwordless {@code default} user. */
    public static ClickHouseServer start(Path baseDir) {
        return builder(baseDir).start();
    }

    /** A builder for a server rooted at {@code baseDir} (e.g. a JUnit {@code @TempDir}). */
    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /** Configures and starts a {@link ClickHouseServer}. */
    public static final class Builder {
        private final Path baseDir;
        private String user;
        private String password;

        private Builder(Path baseDir) {
            this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        }

        /**
         * Adds a user that needs a password (stored as SHA-256 in users.xml, never in clear), for
         * tests that prove credentials stay out of logs and output.
         */
        public Builder withUser(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Writes the config, starts the process and waits until {@code /ping} answers. */
        public ClickHouseServer start() {
            ClickHouseServer server =
                    new ClickHouseServer(this, locateBinary(), FreePorts.freePorts(2));
            server.writeConfig();
            server.start();
            return server;
        }
    }

    static Path locateBinary() {
        // Debian installs it in /usr/sbin, which is not on every user's PATH.
        return locateBinary(
                System.getenv(),
                List.of(
                        Path.of("/usr/sbin/clickhouse-server"),
                        Path.of("/usr/bin/clickhouse-server")));
    }

    static Path locateBinary(java.util.Map<String, String> env, List<Path> fallbacks) {
        String override = env.get(BINARY_ENV);
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "clickhouse-server"));
            }
        }
        candidates.addAll(fallbacks);
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "clickhouse-server binary not found (looked at $"
                        + BINARY_ENV
                        + ", PATH and "
                        + fallbacks
                        + "). Install it: "
                        + "apt-get install -y clickhouse-server (Debian 12 ships 18.16).");
    }

    private void writeConfig() {
        try {
            for (String dir : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
                Files.createDirectories(baseDir.resolve(dir));
            }
            Files.writeString(configFile(), configXml(), StandardCharsets.UTF_8);
            Files.writeString(baseDir.resolve("users.xml"), usersXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write ClickHouse config in " + baseDir, e);
        }
    }

    private Path configFile() {
        return baseDir.resolve("config.xml");
    }

    private String configXml() {
        String dir = baseDir.toAbsolutePath().toString();
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>information</level>
                    <log>%1$s/log/clickhouse-server.log</log>
                    <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                    <size>50M</size>
                    <count>2</count>
                  </logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <max_connections>256</max_connections>
                  <keep_alive_timeout>3</keep_alive_timeout>
                  <max_concurrent_queries>64</max_concurrent_queries>
                  <uncompressed_cache_size>67108864</uncompressed_cache_size>
                  <mark_cache_size>67108864</mark_cache_size>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mlock_executable>false</mlock_executable>
                </yandex>
                """
                .formatted(dir, httpPort, tcpPort);
    }

    private String usersXml() {
        String extra = "";
        if (extraUser != null) {
            extra =
                    """
                        <%1$s>
                          <password_sha256_hex>%2$s</password_sha256_hex>
                          <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                          <profile>%3$s</profile>
                          <quota>default</quota>
                        </%1$s>
                    """
                            .formatted(extraUser, sha256Hex(extraPassword), profileOf(extraUser));
        }
        return """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>2000000000</max_memory_usage>
                      <load_balancing>random</load_balancing>
                    </default>
                    <readonly>
                      <max_memory_usage>2000000000</max_memory_usage>
                      <readonly>1</readonly>
                    </readonly>
                  </profiles>
                  <users>
                    <default>
                      <password></password>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>%2$s</profile>
                      <quota>default</quota>
                    </default>
                %1$s  </users>
                  <quotas>
                    <default>
                      <interval>
                        <duration>3600</duration>
                        <queries>0</queries>
                        <errors>0</errors>
                        <result_rows>0</result_rows>
                        <read_rows>0</read_rows>
                        <execution_time>0</execution_time>
                      </interval>
                    </default>
                  </quotas>
                </yandex>
                """
                .formatted(extra, profileOf("default"));
    }

    private String profileOf(String user) {
        return readOnlyUsers.contains(user) ? "readonly" : "default";
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** (Re)starts the child on the same ports and data directory; a no-op if it is running. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(binary.toString(), "--config-file=" + configFile())
                            .directory(baseDir.toFile())
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            baseDir.resolve("log/stdout.log").toFile()))
                            .redirectError(
                                    ProcessBuilder.Redirect.appendTo(
                                            baseDir.resolve("log/stderr.log").toFile()));
            process = pb.start();
            LIVE.add(process);
            awaitPing();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IllegalStateException(
                        "clickhouse-server exited with code "
                                + process.exitValue()
                                + " during start-up; log tail:\n"
                                + logTail());
            }
            if (ping()) {
                return;
            }
            sleep(50);
        }
        destroy();
        throw new IllegalStateException(
                "clickhouse-server did not answer /ping on port "
                        + httpPort
                        + " within "
                        + START_TIMEOUT
                        + "; log tail:\n"
                        + logTail());
    }

    /** True if the HTTP interface answers {@code /ping} with {@code Ok.}. */
    public boolean ping() {
        try {
            HttpURLConnection http =
                    (HttpURLConnection)
                            URI.create("http://127.0.0.1:" + httpPort + "/ping")
                                    .toURL()
                                    .openConnection();
            http.setConnectTimeout(500);
            http.setReadTimeout(1000);
            try {
                return http.getResponseCode() == 200
                        && new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                                .startsWith("Ok.");
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Last lines of the server's error log and stderr, for failure messages. */
    public String logTail() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("log/clickhouse-server.err.log", "log/stderr.log")) {
            Path file = baseDir.resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    out.append("== ").append(name).append('\n');
                    lines.subList(Math.max(0, lines.size() - 20), lines.size())
                            .forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException e) {
                out.append("(unreadable ").append(name).append(")\n");
            }
        }
        return out.toString();
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period); data stays on disk. */
    public synchronized void stop() {
        destroy();
    }

    private void destroy() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(p);
        }
    }

    /** True while the child process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** CPU time the server process has used so far (user and system), zero when not running. */
    public java.time.Duration cpuTime() {
        Process p = process;
        return p == null
                ? java.time.Duration.ZERO
                : p.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** HTTP port (the client's), stable across restarts. */
    public int httpPort() {
        return httpPort;
    }

    /** Native TCP port (clickhouse-client), stable across restarts. */
    public int tcpPort() {
        return tcpPort;
    }

    /** Directory holding the config, data and logs. */
    public Path baseDir() {
        return baseDir;
    }

    /** The job's {@code TA_CLICKHOUSE_URL} for the {@code default} database. */
    public String jdbcUrl() {
        return jdbcUrl("default");
    }

    /** The job's {@code TA_CLICKHOUSE_URL} for a database, in the form the ConfigMap uses. */
    public String jdbcUrl(String database) {
        return "jdbc:clickhouse://127.0.0.1:" + httpPort + "/" + database;
    }

    /**
     * A client of this server (ClickHouse's official one, as the job uses it) for {@code database},
     * as {@code user}; the caller closes it.
     */
    public HttpClickHouse client(String database, String user, String password) {
        return HttpClickHouse.connect(
                ClickHouseEndpoint.parse(jdbcUrl(database)),
                user,
                password,
                Duration.ofSeconds(30),
                null);
    }

    /** Runs a statement that returns no rows (DDL, INSERT ... VALUES, OPTIMIZE) as default. */
    public void execute(String sql) {
        try (HttpClickHouse c = client("default", "default", "")) {
            c.execute(sql);
        }
    }

    /** Runs a query as default and returns every row as text cells, NULL as {@code null}. */
    public List<List<String>> queryStrings(String sql) {
        try (HttpClickHouse c = client("default", "default", "")) {
            return c.select(sql);
        }
    }

    /**
     * Puts {@code user} on a read-only profile ({@code readonly = 1}: SELECTs answer, every write
     * is refused with READONLY, as the platform's tables were after Keeper lost their metadata), or
     * back on the default profile; returns once the server applies it. The server rereads users.xml
     * by itself; the test waits until the user's own {@code readonly} setting says so.
     */
    public void setReadOnly(String user, boolean readOnly) {
        if (!user.equals("default") && !user.equals(extraUser)) {
            throw new IllegalArgumentException("no user " + user + " on this server");
        }
        if (readOnly) {
            readOnlyUsers.add(user);
        } else {
            readOnlyUsers.remove(user);
        }
        Path users = baseDir.resolve("users.xml");
        try {
            // The server notices a change by the file's modification time in whole seconds: a
            // rewrite within the second of the last one would go unseen.
            long before = Files.getLastModifiedTime(users).toMillis();
            Files.writeString(users, usersXml(), StandardCharsets.UTF_8);
            long after = Math.max(System.currentTimeMillis(), before + 2000);
            Files.setLastModifiedTime(users, java.nio.file.attribute.FileTime.fromMillis(after));
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite users.xml in " + baseDir, e);
        }
        String password = user.equals("default") ? "" : extraPassword;
        String expected = readOnly ? "1" : "0";
        Await.until(
                "ClickHouse to apply readonly=" + expected + " to " + user,
                Duration.ofSeconds(60),
                () -> {
                    try (HttpClickHouse c = client("default", user, password)) {
                        return c.select("SELECT value FROM system.settings WHERE name = 'readonly'")
                                .get(0)
                                .get(0)
                                .equals(expected);
                    }
                });
    }

    /** Stops the child process; the directory belongs to the caller. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ClickHouseServer{http=" + httpPort + ", tcp=" + tcpPort + ", dir=" + baseDir + "}";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
