package io.torghut.ta.replay.testutil;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.window.TableDefinitions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** Runs the tool in process with captured output, a fixed clock and a given environment. */
public final class ToolRun {
    /** The fixed "now" of every test run. */
    public static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    public final int exitCode;
    public final String out;
    public final String err;

    private ToolRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static ToolRun run(String... args) {
        return run(Map.of(), args);
    }

    public static ToolRun run(Map<String, String> env, String... args) {
        return run(Clock.fixed(NOW, ZoneOffset.UTC), env, args);
    }

    /** With a clock of the test's own (e.g. one that fails, to stand for a bug in the tool). */
    public static ToolRun run(Clock clock, Map<String, String> env, String... args) {
        return run(new ReplayTool(clock, env::get), args);
    }

    /** With the way check-window reads ClickHouse's table definitions (a stand-in server). */
    public static ToolRun run(
            TableDefinitions.Connector clickHouse, Map<String, String> env, String... args) {
        return run(new ReplayTool(Clock.fixed(NOW, ZoneOffset.UTC), env::get, clickHouse), args);
    }

    private static ToolRun run(ReplayTool tool, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ReplayTool.commandLine(tool);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new ToolRun(code, out.toString(), err.toString());
    }

    /** Everything printed, for assertions that must hold over both streams (secrets). */
    public String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit=" + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
