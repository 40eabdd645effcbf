package io.torghut.ta.replay;

import io.torghut.ta.replay.cli.CheckWindowCommand;
import io.torghut.ta.replay.cli.Mode1Command;
import io.torghut.ta.replay.cli.Mode2Command;
import io.torghut.ta.replay.cli.OptimizeCommand;
import io.torghut.ta.replay.cli.PlanCommand;
import io.torghut.ta.replay.cli.RollbackCommand;
import io.torghut.ta.replay.cli.VerifyCommand;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.window.TableDefinitions;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.Refusal;
import io.torghut.ta.replay.workflow.ServiceUnavailableException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The TA replay tool: plans and performs the replay procedure (Mode 1, Mode 2, rollback) as edits
 * to a GitOps checkout, checks replay windows and verifies replay output. It never changes a
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
            "1:a service (Kafka, ClickHouse) failed, or a bug in the tool (it says which)",
            "2:bad command line (including a malformed REPLAY_ID or ticket)",
            "3:refused as unsafe (the message names the gate)",
            "4:a check failed (infeasible window, stale or inconsistent output)",
            "5:a GitOps file, the ledger or an input file is missing or malformed, or cannot be"
                    + " written"
        },
        subcommands = {
            PlanCommand.class,
            Mode1Command.class,
            Mode2Command.class,
            RollbackCommand.class,
            CheckWindowCommand.class,
            VerifyCommand.class,
            OptimizeCommand.class
        })
public final class ReplayTool {
    private final Clock clock;
    private final Function<String, String> env;
    private final TableDefinitions.Connector clickHouse;

    /** The tool with its clock and environment (tests pass fixed ones). */
    public ReplayTool(Clock clock, Function<String, String> env) {
        this(clock, env, CheckWindowCommand.CLICKHOUSE);
    }

    /**
     * The tool with its clock, environment and the way it reads table definitions from ClickHouse
     * (tests pass one without a server).
     */
    public ReplayTool(
            Clock clock, Function<String, String> env, TableDefinitions.Connector clickHouse) {
        this.clock = clock;
        this.env = env;
        this.clickHouse = clickHouse;
    }

    /** The clock every ledger line is stamped with. */
    public Clock clock() {
        return clock;
    }

    /** Environment lookup (for secrets passed by variable name, never by value). */
    public Function<String, String> env() {
        return env;
    }

    /** How check-window reads the output tables' definitions from ClickHouse. */
    public TableDefinitions.Connector clickHouse() {
        return clickHouse;
    }

    /**
     * A command line with the tool's error handling installed: a refusal exits with its code, bad
     * input with 5, a failed service with 1 and one line; anything else is a bug and exits 1 with
     * the stack trace, so it never reads as a problem with the input.
     */
    public static CommandLine commandLine(Clock clock, Function<String, String> env) {
        return commandLine(new ReplayTool(clock, env));
    }

    /** {@link #commandLine(Clock, Function)} of a tool built by the caller. */
    public static CommandLine commandLine(ReplayTool tool) {
        CommandLine cl = new CommandLine(tool);
        cl.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    PrintWriter err = cmd.getErr();
                    int code;
                    if (ex instanceof Refusal r) {
                        err.println("REFUSED: " + r.getMessage());
                        code = r.exitCode();
                    } else if (ex instanceof BadInputException) {
                        err.println("ERROR: " + ex.getMessage());
                        code = ExitCodes.BAD_INPUT_FILE;
                    } else if (ex instanceof ServiceUnavailableException
                            || ex instanceof org.apache.kafka.common.KafkaException
                            || ex instanceof java.sql.SQLException
                            || ex
                                    instanceof
                                    io.torghut.ta.job.clickhouse.HttpClickHouse.ClickHouseFailure) {
                        // A service could not be reached; a stack trace would not help at 3 a.m.
                        err.println("ERROR: " + ex.getMessage());
                        code = ExitCodes.ERROR;
                    } else {
                        err.println(
                                "ERROR: this is a bug in replay-tool, not a problem with the input"
                                        + " or a service ("
                                        + ex
                                        + "). Report it with the stack trace below.");
                        ex.printStackTrace(err);
                        code = ExitCodes.ERROR;
                    }
                    err.flush();
                    return code;
                });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC(), System::getenv).execute(args));
    }
}
