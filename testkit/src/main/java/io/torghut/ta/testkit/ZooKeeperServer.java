package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ZooKeeper server (Debian's {@code zookeeper} package, {@code
 * /usr/share/java/zookeeper.jar}) as its own process on loopback, for Flink's ZooKeeper high
 * availability: leader election of the JobManager, and the pointers to the job graphs and completed
 * checkpoints whose data lives in the HA storage directory. Its data directory is the caller's;
 * {@link #close()} stops the process.
 *
 * <p>{@link #deleteRecursively(String)} and {@link #list(String)} run ZooKeeper's own command-line
 * client, as an operator would ({@code zkCli.sh deleteall}).
 */
public final class ZooKeeperServer implements AutoCloseable {
    /** Where Debian's package installs the server; {@code .ci/run} installs it on CI. */
    public static final Path DEBIAN_JAR = Path.of("/usr/share/java/zookeeper.jar");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path dir;

    private ZooKeeperServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a server with its data and log under {@code dir} and waits until it serves.
     *
     * @throws IllegalStateException if Debian's ZooKeeper is not installed or does not start
     */
    public static ZooKeeperServer start(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isRegularFile(DEBIAN_JAR)) {
            throw new IllegalStateException(
                    DEBIAN_JAR + " is missing: install Debian's zookeeper package (.ci/run does)");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            int port = FreePorts.freePort();
            Path config = dir.resolve("zoo.cfg");
            // A short tick allows Flink's short session timeout (sessions are bounded by 2 to 20
            // ticks), so a killed JobManager's leadership ends within seconds.
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "tickTime=500",
                            "dataDir=" + dir.resolve("data"),
                            "clientPort=" + port,
                            "clientPortAddress=127.0.0.1",
                            "maxClientCnxns=0",
                            "admin.enableServer=false",
                            "4lw.commands.whitelist=ruok,srvr",
                            ""));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx128m");
            command.add("-Dzookeeper.log.dir=" + dir);
            command.add("-cp");
            command.add(DEBIAN_JAR.toString());
            command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
            command.add(config.toString());
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("zookeeper.out").toFile())
                            .start();
            ZooKeeperServer server = new ZooKeeperServer(p, port, dir);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"imok".equals(server.fourLetterWord("ruok"))) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("ZooKeeper did not start:\n" + server.output());
                }
                Thread.sleep(100);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start ZooKeeper under " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ZooKeeper", e);
        }
    }

    /** The connect string for clients, e.g. {@code 127.0.0.1:40123}. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** The znodes directly under {@code path} (empty when it does not exist). */
    public List<String> list(String path) {
        String out = cli("ls", path);
        for (String line : out.split("\n")) {
            String l = line.trim();
            if (l.startsWith("[") && l.endsWith("]")) {
                String inner = l.substring(1, l.length() - 1).trim();
                return inner.isEmpty() ? List.of() : List.of(inner.split(",\\s*"));
            }
        }
        return List.of();
    }

    /** Deletes {@code path} and everything under it, as {@code zkCli.sh deleteall} does. */
    public void deleteRecursively(String path) {
        cli("deleteall", path);
        if (!cli("ls", path).contains("does not exist")) {
            throw new IllegalStateException(path + " is still in ZooKeeper after deleteall");
        }
    }

    private String cli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(DEBIAN_JAR.toString());
        command.add("org.apache.zookeeper.ZooKeeperMain");
        command.add("-server");
        command.add(connectString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("zkCli " + String.join(" ", args) + " hung");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String fourLetterWord(String word) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException notYet) {
            return "";
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("zookeeper.out"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the server process; its directory belongs to the caller. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
