package io.torghut.ta.replay.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.clickhouse.Freshness;
import io.torghut.ta.replay.clickhouse.Parity;
import io.torghut.ta.replay.clickhouse.VerifyQueries;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.workflow.StepKind;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Verifies replay output in ClickHouse: freshness per table and symbol, and optionally parity of
 * the replayed rows with a baseline of the rows that existed before the replay.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Freshness: max(event_ts) per table and symbol, lag to the server's now, rows per"
                    + " minute; passes when every lag <= --max-lag and rows are being written.",
            "Parity: before the restart step, save a baseline of the window with --baseline-out;"
                    + " after the replay, compare the replayed rows with --baseline.",
            "With --replay-id the result is recorded in the ledger (steps 5/6 of mode1 need a"
                    + " pass). The password is read from an environment variable, never printed."
        })
public final class VerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> TABLES = List.of("ta_microbars", "ta_signals");

    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;

    @Option(
            names = "--replay-id",
            converter = ReplayIdConverter.class,
            description = "Record the result for this replay.")
    String replayId;

    @Option(names = "--clickhouse-url", description = "Default: TA_CLICKHOUSE_URL.")
    String url;

    @Option(names = "--clickhouse-user", description = "Default: TA_CLICKHOUSE_USERNAME.")
    String user;

    @Option(
            names = "--clickhouse-password-env",
            defaultValue = "TA_CLICKHOUSE_PASSWORD",
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--database", defaultValue = "torghut", description = "Default: torghut.")
    String database;

    @Option(names = "--symbols", split = ",", description = "Symbols that must be fresh.")
    List<String> symbols = new ArrayList<>();

    @Option(
            names = "--max-lag",
            defaultValue = "120s",
            converter = DurationConverter.class,
            description = "Maximum lag to now (default ${DEFAULT-VALUE}, the TA freshness SLO).")
    Duration maxLag;

    @Option(names = "--recent-minutes", defaultValue = "10", description = "Rate window.")
    int recentMinutes;

    @Option(names = "--from", description = "Parity window start (ISO-8601).")
    Instant from;

    @Option(names = "--to", description = "Parity window end (ISO-8601).")
    Instant to;

    @Option(names = "--baseline-out", description = "Write the window's fingerprints here.")
    Path baselineOut;

    @Option(names = "--baseline", description = "Compare replayed rows with this baseline.")
    Path baseline;

    @Option(
            names = "--replayed-since",
            description =
                    "Rows ingested since this instant are the replay's (default: restart"
                            + " step time in the ledger).")
    Instant replayedSince;

    @Option(names = "--print-sql", description = "Print the queries and stop (no connection).")
    boolean printSql;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Session s = Session.open(gitops);
        String cm = s.texts.text(FileRole.TA_CONFIGMAP);
        String jdbcUrl =
                url != null
                        ? url
                        : YamlScalarEditor.read(cm, YamlPath.parse("data.TA_CLICKHOUSE_URL"))
                                .orElseThrow(() -> new Refusal("no --clickhouse-url", 2));
        String username =
                user != null
                        ? user
                        : YamlScalarEditor.read(cm, YamlPath.parse("data.TA_CLICKHOUSE_USERNAME"))
                                .orElse(null);
        boolean parity = baseline != null || baselineOut != null;
        if (parity && (from == null || to == null)) {
            throw new Refusal("parity needs --from and --to", ExitCodes.USAGE);
        }
        Instant since = replayedSince;
        if (baseline != null && since == null) {
            since =
                    replayRecord(s)
                            .flatMap(r -> r.timeOf(StepKind.RESTART_STATELESS.action()))
                            .map(Instant::parse)
                            .orElseThrow(
                                    () ->
                                            new Refusal(
                                                    "--baseline needs --replayed-since or a"
                                                            + " recorded restart step"));
        }
        out.println(
                "Verifying ClickHouse at " + ClickHouseReader.redact(jdbcUrl) + " as " + username);
        List<String[]> freshnessSql = new ArrayList<>();
        List<String[]> fingerprintSql = new ArrayList<>();
        for (String table : TABLES) {
            if (baselineOut == null) {
                freshnessSql.add(
                        new String[] {
                            table, VerifyQueries.freshness(database, table, symbols, recentMinutes)
                        });
            }
            if (parity) {
                fingerprintSql.add(
                        new String[] {
                            table,
                            VerifyQueries.fingerprint(
                                    database,
                                    table,
                                    symbols,
                                    from,
                                    to,
                                    baselineOut != null ? null : since)
                        });
            }
        }
        for (String[] q : freshnessSql) {
            out.println("  SQL: " + q[1]);
        }
        for (String[] q : fingerprintSql) {
            out.println("  SQL: " + q[1]);
        }
        if (printSql) {
            return ExitCodes.OK;
        }
        String password = tool.env().apply(passwordEnv);
        boolean passed = true;
        List<String> summary = new ArrayList<>();
        try (ClickHouseReader ch = ClickHouseReader.connect(jdbcUrl, username, password)) {
            List<Freshness.Row> rows = new ArrayList<>();
            for (String[] q : freshnessSql) {
                rows.addAll(ch.freshness(q[0], q[1]));
            }
            if (!freshnessSql.isEmpty()) {
                Freshness.Report r =
                        Freshness.evaluate(rows, TABLES, symbols, maxLag, recentMinutes);
                r.lines().forEach(l -> out.println("  " + l));
                passed &= r.passed();
                summary.add("freshness " + (r.passed() ? "ok" : "FAIL"));
            }
            List<Parity.Fingerprint> fps = new ArrayList<>();
            for (String[] q : fingerprintSql) {
                fps.addAll(ch.fingerprints(q[0], q[1]));
            }
            if (baselineOut != null) {
                JSON.writeValue(baselineOut.toFile(), fps);
                out.println(
                        "Baseline of " + fps.size() + " fingerprints written to " + baselineOut);
                return ExitCodes.OK;
            }
            if (baseline != null) {
                List<Parity.Fingerprint> base =
                        JSON.readValue(baseline.toFile(), new TypeReference<>() {});
                Parity.Result pr = Parity.compare(base, fps, 1e-9, 20);
                pr.examples().forEach(l -> out.println("  parity: " + l));
                out.println(
                        "  parity: "
                                + (pr.matches()
                                        ? "replayed rows match the baseline"
                                        : pr.differences() + " differences"));
                passed &= pr.matches();
                summary.add("parity " + (pr.matches() ? "ok" : "FAIL"));
            }
        } catch (SQLException e) {
            throw new Refusal(
                    "ClickHouse query failed: "
                            + ClickHouseReader.redact(String.valueOf(e.getMessage())),
                    ExitCodes.CHECK_FAILED);
        }
        if (replayId != null && !gitops.dryRun()) {
            s.ledger.append(
                    new LedgerEvent(
                                    tool.clock().instant().toString(),
                                    replayId,
                                    "verify",
                                    null,
                                    "verify",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null)
                            .withCheck(null, passed, String.join(", ", summary)));
        }
        out.println(
                passed
                        ? "PASSED. Next: the steady-state step, then resume trading."
                        : "FAILED. Keep trading paused; re-run verify as lag falls, or roll back.");
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private java.util.Optional<ReplayRecord> replayRecord(Session s) {
        return replayId == null ? java.util.Optional.empty() : s.replay(replayId);
    }
}
