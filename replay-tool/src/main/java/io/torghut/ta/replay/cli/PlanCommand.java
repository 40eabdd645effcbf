package io.torghut.ta.replay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.workflow.MergePatches;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.Prev;
import io.torghut.ta.replay.workflow.ReplayContext;
import io.torghut.ta.replay.workflow.ReplayIds;
import io.torghut.ta.replay.workflow.StepGuide;
import io.torghut.ta.replay.workflow.StepKind;
import io.torghut.ta.replay.workflow.Workflow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Prints the whole procedure for a replay: current state, every step with its command, exact
 * changes, operator action, checks and stop conditions, and the rollback. Writes nothing.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Read the GitOps state and print the whole replay procedure for a mode (writes"
                        + " nothing).")
public final class PlanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;

    @Option(
            names = "--replay-id",
            required = true,
            converter = ReplayIdConverter.class,
            description = "REPLAY_ID, e.g. 2026-02-09T0315Z-INC1234.")
    String replayId;

    @Option(
            names = "--mode",
            defaultValue = "mode1",
            description = "mode1 (default, non-destructive) or mode2 (destructive).")
    String mode;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Mode m =
                switch (mode) {
                    case "mode1" -> Mode.MODE1;
                    case "mode2" -> Mode.MODE2;
                    default ->
                            throw new Refusal(
                                    "--mode '" + mode + "' is unknown: use mode1 or mode2",
                                    ExitCodes.USAGE);
                };
        Session s = Session.open(gitops);
        Optional<ReplayRecord> record = s.replay(replayId);
        if (record.map(ReplayRecord::rolledBack).orElse(false)) {
            throw new Refusal("replay " + replayId + " was rolled back; use a new REPLAY_ID.");
        }
        String group = ReplayIds.groupId(replayId);
        boolean own = record.map(r -> group.equals(r.groupId())).orElse(false);
        if (!own && (s.ledger.usedGroupIds().contains(group) || group.equals(s.state.groupId()))) {
            throw new Refusal(
                    "reused group id: " + group + " was used before; pick a new REPLAY_ID.");
        }
        Prev prev = s.prev(replayId);
        String restore = record.map(ReplayRecord::restorePath).orElse("<restore-path>");
        ReplayContext ctx = s.context(replayId, restore, gitops.namespace());

        ObjectNode root = JSON.createObjectNode();
        root.put("replayId", replayId);
        root.put("mode", m.id());
        root.put("groupId", ctx.groupId());
        root.put("namespace", gitops.namespace());
        root.put("flinkDeployment", ctx.deploymentName());
        root.set("current", JSON.valueToTree(s.state));
        root.set("prev", JSON.valueToTree(prev.toMap()));
        ArrayNode done = root.putArray("stepsDone");
        record.ifPresent(r -> r.stepsDone().forEach(done::add));
        ArrayNode steps = root.putArray("steps");
        Texts t = s.texts;
        for (int n = 1; n <= m.steps().size(); n++) {
            StepKind kind = m.step(n);
            List<Change> changes = Workflow.changes(kind, t, prev, ctx);
            Texts next = t.applyAll(changes);
            ObjectNode step = steps.addObject();
            step.put("step", n);
            step.put("action", kind.action());
            step.put("title", kind.title());
            final int number = n;
            step.put("done", record.map(r -> r.done(number)).orElse(false));
            step.put(
                    "command",
                    StepRunner.nextCommand(
                            m,
                            n,
                            new StepRequest(
                                    m,
                                    n,
                                    replayId,
                                    "<ticket>",
                                    null,
                                    null,
                                    false,
                                    false,
                                    null,
                                    null)));
            step.put("why", StepGuide.why(kind));
            describeChanges(step, changes, t, next, s, ctx);
            ArrayNode effects = step.putArray("effects");
            effects(kind, s, ctx).forEach(effects::add);
            ArrayNode checks = step.putArray("checks");
            StepGuide.checks(kind, ctx).forEach(checks::add);
            step.put("stopIf", StepGuide.stopIf(kind));
            t = next;
        }
        ObjectNode rb = root.putObject("rollback");
        rb.put("command", "replay-tool rollback --replay-id " + replayId);
        List<Change> rbChanges = Workflow.rollback(t, prev, true, restore);
        describeChanges(rb, rbChanges, t, t.applyAll(rbChanges), s, ctx);
        rb.put(
                "note",
                "Before the restart step the rollback resumes the job on its kept state instead"
                        + " (PREV job state, no redeploy). Trading stays paused until verify"
                        + " passes.");

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(root));
        } else {
            printText(out, root, s.state, prev);
        }
        return ExitCodes.OK;
    }

    private void describeChanges(
            ObjectNode node,
            List<Change> changes,
            Texts before,
            Texts after,
            Session s,
            ReplayContext ctx) {
        ArrayNode arr = node.putArray("changes");
        for (Change c : changes) {
            ObjectNode o = arr.addObject();
            o.put("file", s.files.display(c.field().role()));
            o.put("path", c.field().path().toString());
            o.put("from", c.before());
            o.put("to", c.after().text());
        }
        if (changes.stream().anyMatch(c -> c.field().role() == FileRole.FLINK_DEPLOYMENT)) {
            node.put(
                    "operatorAction",
                    OperatorRestartSemantics.actionFor(
                                    ManifestModel.parse(before.text(FileRole.FLINK_DEPLOYMENT))
                                            .deployment()
                                            .getSpec(),
                                    ManifestModel.parse(after.text(FileRole.FLINK_DEPLOYMENT))
                                            .deployment()
                                            .getSpec())
                            .toString());
        }
        ArrayNode patches = node.putArray("emergencyPatches");
        for (FileRole role : FileRole.values()) {
            MergePatches.forRole(role, changes)
                    .ifPresent(
                            p ->
                                    patches.add(
                                            MergePatches.kubectlCommand(
                                                    role,
                                                    p,
                                                    ctx.namespace(),
                                                    ctx.deploymentName())));
        }
    }

    /** What a step does outside GitOps (S3, Kafka), for the steps that act there. */
    private static List<String> effects(StepKind kind, Session s, ReplayContext ctx) {
        return switch (kind) {
            case BACKUP_VERIFY ->
                    List.of(
                            "checkpoints-scripts/bin/backup-state --replay-id "
                                    + ctx.replayId()
                                    + " copies "
                                    + s.state.checkpointDir()
                                    + " and "
                                    + s.state.savepointDir()
                                    + " to "
                                    + ctx.backupPrefix()
                                    + "/ and writes manifest.json there");
            case RECREATE_TOPICS ->
                    KafkaTopicStep.derivedTopics(s).stream()
                            .map(
                                    t ->
                                            "deletes and recreates Kafka topic "
                                                    + t
                                                    + " with the partitions, replication factor"
                                                    + " and configs the broker reports (exact"
                                                    + " commands: run the step with --bootstrap)")
                            .toList();
            case WIPE_STATE ->
                    List.of(
                            "checkpoints-scripts/bin/wipe-state --replay-id "
                                    + ctx.replayId()
                                    + " --execute --confirm REPLAY_FROM_SCRATCH --ticket <ticket>"
                                    + " deletes everything under "
                                    + s.state.checkpointDir()
                                    + " and "
                                    + s.state.savepointDir());
            default -> List.of();
        };
    }

    private static void printText(PrintWriter out, ObjectNode root, GitOpsState st, Prev prev) {
        out.printf(
                "REPLAY %s plan (%s) for FlinkDeployment %s/%s; replay group %s%n",
                root.get("replayId").asText(),
                root.get("mode").asText(),
                root.get("namespace").asText(),
                root.get("flinkDeployment").asText(),
                root.get("groupId").asText());
        out.println("Current state (GitOps):");
        out.printf(
                "  TA_GROUP_ID=%s TA_AUTO_OFFSET_RESET=%s job.state=%s upgradeMode=%s"
                        + " restartNonce=%s%n",
                st.groupId(),
                st.autoOffsetReset(),
                st.jobState(),
                st.upgradeMode(),
                st.restartNonce());
        out.printf(
                "  TRADING_ENABLED=%s TRADING_LIVE_ENABLED=%s%n",
                st.tradingEnabled(), st.tradingLiveEnabled());
        out.printf(
                "PREV (for rollback): PREV_TA_GROUP_ID=%s PREV_TA_AUTO_OFFSET_RESET=%s"
                        + " upgradeMode=%s job.state=%s TRADING_ENABLED=%s%n",
                prev.groupId(),
                prev.autoOffsetReset(),
                prev.upgradeMode(),
                prev.jobState(),
                prev.tradingEnabled());
        out.println("Steps recorded in the ledger: " + root.get("stepsDone"));
        for (var step : root.get("steps")) {
            out.printf(
                    "%nStep %d: %s%s%n",
                    step.get("step").asInt(),
                    step.get("title").asText(),
                    step.get("done").asBoolean() ? "  [done]" : "");
            out.println("  Command: " + step.get("command").asText());
            out.println("  Why: " + step.get("why").asText());
            printChangeBlock(out, step);
            for (var e : step.get("effects")) {
                out.println("  Effect: " + e.asText());
            }
            for (var c : step.get("checks")) {
                out.println("  Check: " + c.asText());
            }
            out.println("  Stop if: " + step.get("stopIf").asText());
        }
        var rb = root.get("rollback");
        out.printf("%nRollback: %s%n", rb.get("command").asText());
        printChangeBlock(out, rb);
        out.println("  " + rb.get("note").asText());
    }

    private static void printChangeBlock(
            PrintWriter out, com.fasterxml.jackson.databind.JsonNode n) {
        if (n.get("changes").isEmpty()) {
            out.println("  Changes: none in GitOps");
        }
        for (var c : n.get("changes")) {
            out.printf(
                    "  Change: %s: %s: %s -> %s%n",
                    c.get("file").asText(),
                    c.get("path").asText(),
                    c.get("from").isNull() ? "(absent)" : c.get("from").asText(),
                    c.get("to").asText());
        }
        if (n.has("operatorAction")) {
            out.println("  Operator action: " + n.get("operatorAction").asText());
        }
        for (var p : n.get("emergencyPatches")) {
            out.println("  Emergency only: " + p.asText());
        }
    }
}
