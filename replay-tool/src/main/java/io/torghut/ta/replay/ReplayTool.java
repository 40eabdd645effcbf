package io.torghut.ta.replay;

import io.torghut.ta.replay.cli.CheckWindowCommand;
import io.torghut.ta.replay.cli.ExitCodes;
import io.torghut.ta.replay.cli.Mode1Command;
import io.torghut.ta.replay.cli.Mode2Command;
import io.torghut.ta.replay.cli.PlanCommand;
import io.torghut.ta.replay.cli.Refusal;
import io.torghut.ta.replay.cli.RollbackCommand;
import io.torghut.ta.replay.cli.VerifyCommand;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.yaml.YamlEditException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The TA replay tool: plans and performs the canonical replay runbook (Mode 1, Mode 2, rollback) as
 * edits to a GitOps checkout, checks replay windows and verifies replay output. It never changes a
 * cluster by itself.
 */
@Command(
        name = "replay-tool",
        mixinStandardHelpOptions = true,
        version = "replay-tool 0.1.0",
        description =
                "Replay the torghut TA job safely through GitOps. Start with `plan`; every"
                        + " command prints what it will do and what to check next.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, or nothing to do",
            "1:unexpected error",
            "2:bad command line (including a malformed REPLAY_ID or ticket)",
            "3:refused as unsafe (the message names the gate)",
            "4:a check failed (infeasible window, stale or inconsistent output)",
            "5:a GitOps file, the ledger or an input file is missing or malformed"
        },
        subcommands = {
            PlanCommand.class,
            Mode1Command.class,
            Mode2Command.class,
            RollbackCommand.class,
            CheckWindowCommand.class,
            VerifyCommand.class
        })
public final class ReplayTool {
    private final Clock clock;
    private final Function<String, String> env;

    public ReplayTool(Clock clock, Function<String, String> env) {
        this.clock = clock;
        this.env = env;
    }

    public Clock clock() {
        return clock;
    }

    /** Environment lookup (for secrets passed by variable name, never by value). */
    public Function<String, String> env() {
        return env;
    }

    /** A command line with the tool's refusal and input-error handling installed. */
    public static CommandLine commandLine(Clock clock, Function<String, String> env) {
        CommandLine cl = new CommandLine(new ReplayTool(clock, env));
        cl.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    if (ex instanceof Refusal r) {
                        cmd.getErr().println("REFUSED: " + r.getMessage());
                        cmd.getErr().flush();
                        return r.exitCode();
                    }
                    if (ex instanceof GitOpsFiles.MissingFileException
                            || ex instanceof YamlEditException
                            || ex instanceof UncheckedIOException
                            || ex instanceof IllegalStateException) {
                        cmd.getErr().println("ERROR: " + ex.getMessage());
                        cmd.getErr().flush();
                        return ExitCodes.BAD_INPUT_FILE;
                    }
                    if (ex instanceof org.apache.kafka.common.KafkaException
                            || ex instanceof java.sql.SQLException) {
                        // A service could not be reached; a stack trace would not help at 3 a.m.
                        cmd.getErr().println("ERROR: " + ex.getMessage());
                        cmd.getErr().flush();
                        return ExitCodes.ERROR;
                    }
                    throw ex;
                });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC(), System::getenv).execute(args));
    }
}
