package io.torghut.ta.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools the monitoring tests run (promtool, prometheus, kubectl), found on the
 * PATH. A missing tool fails the test that needs it, naming the Debian package: these tests prove
 * the rules and manifests, and a skipped proof would pass for one that holds.
 */
final class Tools {
    private Tools() {}

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {}

    /** The executable {@code name} on the PATH; fails naming {@code debianPackage} if absent. */
    static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                name
                        + " is not on the PATH: install Debian's "
                        + debianPackage
                        + " (apt-get install "
                        + debianPackage
                        + "); .ci/run does so where it is missing");
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}) in {@code dir}. */
    static Result run(Path dir, long timeoutSeconds, List<String> command) {
        try {
            Path out = Files.createTempFile("tool-", ".out");
            try {
                Process p =
                        new ProcessBuilder(new ArrayList<>(command))
                                .directory(dir.toFile())
                                .redirectErrorStream(true)
                                .redirectOutput(out.toFile())
                                .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(
                            command + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
