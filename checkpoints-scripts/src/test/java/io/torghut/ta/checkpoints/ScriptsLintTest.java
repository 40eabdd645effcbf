package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Static checks of the scripts: headers, strict mode, syntax and shellcheck. */
class ScriptsLintTest {

    private static final List<String> SCRIPTS =
            List.of("list-state", "backup-state", "verify-backup", "restore-state", "wipe-state");

    private static Path bin() {
        return Path.of(System.getProperty("checkpoints.scripts.dir", "bin"));
    }

    @Test
    void everyScriptHasAStepHeaderStrictModeAndSourcesTheSharedLib() throws IOException {
        try (Stream<Path> files = Files.list(bin())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(SCRIPTS.stream(), Stream.of("lib.sh")).toList());
        }
        for (String script : SCRIPTS) {
            Path file = bin().resolve(script);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(file).isExecutable();
            assertThat(text).as(script).startsWith("#!/usr/bin/env bash\n# " + script + ":");
            assertThat(text).as(script).contains("# Steps:\n#   1. ");
            assertThat(text).as(script).contains("\nset -euo pipefail\n");
            assertThat(text).as(script).contains("/lib.sh\"\n").contains("install_traps");
        }
        assertThat(Files.readString(bin().resolve("lib.sh"))).contains("trap cleanup EXIT");
    }

    @Test
    void scriptsParseAndAreShellcheckClean() throws Exception {
        for (String script : SCRIPTS) {
            assertThat(run(List.of("bash", "-n", bin().resolve(script).toString())))
                    .as("bash -n " + script)
                    .isEmpty();
        }
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        command.add(bin().resolve("lib.sh").toString());
        SCRIPTS.forEach(s -> command.add(bin().resolve(s).toString()));
        assertThat(run(command)).as("shellcheck findings").isEmpty();
    }

    /** Runs a command and returns its output if it failed, or "" if it exited 0. */
    private static String run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    command.get(0)
                            + " is not installed; install it (apt-get install -y shellcheck)",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? "" : output;
    }
}
