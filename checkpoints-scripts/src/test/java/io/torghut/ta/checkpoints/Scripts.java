package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.testkit.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bash scripts of {@code checkpoints-scripts/bin} as child processes against an S3 server,
 * with credentials and endpoint only in the environment, and captures their output.
 */
final class Scripts {

    private static final long TIMEOUT_SECONDS = 180;

    private final Path binDir;
    private final S3ProxyServer s3;
    private final Path workRoot;
    private final List<Result> history = java.util.Collections.synchronizedList(new ArrayList<>());

    Scripts(S3ProxyServer s3, Path workRoot) {
        this.binDir = locateBin();
        this.s3 = s3;
        this.workRoot = workRoot;
    }

    private static Path locateBin() {
        Path bin = Path.of(System.getProperty("checkpoints.scripts.dir", "bin"));
        if (!Files.isExecutable(bin.resolve("list-state"))) {
            throw new IllegalStateException(
                    "scripts not found in " + bin.toAbsolutePath() + " (run from the module)");
        }
        return bin;
    }

    /** One finished script run. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** stdout and stderr together, for assertions on what oncall would see. */
        String all() {
            return stdout + stderr;
        }

        /** Value of a {@code NAME=value} line on stdout, or null. */
        String value(String name) {
            return stdout.lines()
                    .filter(l -> l.startsWith(name + "="))
                    .map(l -> l.substring(name.length() + 1))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n" + stderr + stdout;
        }
    }

    /** Runs a script with the default environment (endpoint and keys of the test server). */
    Result run(String script, String... args) {
        return run(Map.of(), script, args);
    }

    /** Runs a script with extra environment entries (a null value removes the variable). */
    Result run(Map<String, String> extraEnv, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binDir.resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        // Start clean: no inherited AWS, CKPT or job (TA_*) settings may change what they do.
        env.keySet()
                .removeIf(
                        k -> k.startsWith("AWS_") || k.startsWith("CKPT_") || k.startsWith("TA_"));
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("CKPT_S3_ENDPOINT", s3.endpoint().toString());
        env.put("CKPT_AWS_TIMEOUT", "60");
        env.put("TMPDIR", workRoot.toString());
        Map<String, String> extra = new LinkedHashMap<>(extraEnv);
        extra.forEach(
                (k, v) -> {
                    if (v == null) {
                        env.remove(k);
                    } else {
                        env.put(k, v);
                    }
                });
        try {
            Path out = Files.createTempFile(workRoot, script, ".out");
            Path err = Files.createTempFile(workRoot, script, ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = pb.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            Result result =
                    new Result(
                            command,
                            process.exitValue(),
                            Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
            history.add(result);
            // Credentials must never reach the output, whatever the outcome.
            assertThat(result.all())
                    .as("output of %s", command)
                    .doesNotContain(s3.secretKey())
                    .doesNotContain(s3.accessKey());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every run so far (for a final sweep over all captured output). */
    List<Result> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }
}
