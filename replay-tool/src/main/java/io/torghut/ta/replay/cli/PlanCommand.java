package io.torghut.ta.replay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.GitOpsEdit;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.Prev;
import io.torghut.ta.replay.workflow.ReplayPlan;
import io.torghut.ta.replay.workflow.RollbackPlan;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.workflow.StepPlan;
import java.io.PrintWriter;
import java.util.List;
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
    @Mixin ReplayIdOption replayId;
    @Mixin OperatorOptions operator;

    @Option(
            names = "--mode",
            defaultValue = "mode1",
            converter = ModeConverter.class,
            completionCandidates = ModeConverter.Ids.class,
            description =
                    "One of ${COMPLETION-CANDIDATES}: mode1 (default) is non-destructive, mode2"
                            + " destructive.")
    Mode mode;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Session s = gitops.open();
        ReplayPlan plan = ReplayPlan.of(s, mode, replayId.get(), operator.providesHa());

        ObjectNode root = JSON.createObjectNode();
        root.put("replayId", plan.context().replayId());
        root.put("mode", plan.mode().id());
        root.put("groupId", plan.context().groupId());
        root.put("namespace", plan.context().namespace());
        root.put("flinkDeployment", plan.context().deploymentName());
        root.set("current", JSON.valueToTree(plan.current()));
        root.set("prev", JSON.valueToTree(plan.prev().toMap()));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        ArrayNode done = root.putArray("stepsDone");
        plan.stepsDone().forEach(done::add);
        ArrayNode steps = root.putArray("steps");
        for (StepPlan step : plan.steps()) {
            ObjectNode node = steps.addObject();
            node.put("step", step.number());
            node.put("action", step.kind().action());
            node.put("title", step.title());
            node.put("done", plan.done(step.number()));
            node.put("command", step.command());
            node.put("why", step.why());
            describeChanges(node, step.edit(), plan.emergencyPatches(step.edit()), s.files());
            ArrayNode effects = node.putArray("effects");
            step.effects().forEach(effects::add);
            ArrayNode checks = node.putArray("checks");
            step.checks().forEach(checks::add);
            node.put("stopIf", step.stopIf());
        }
        ObjectNode rb = root.putObject("rollback");
        rb.put("command", plan.rollbackCommand());
        describeChanges(rb, plan.rollback(), plan.rollbackEmergencyPatches(), s.files());
        rb.put("note", RollbackPlan.PLAN_NOTE);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(root));
        } else {
            printText(out, root, plan.current(), plan.prev());
        }
        return ExitCodes.OK;
    }

    private static void describeChanges(
            ObjectNode node, GitOpsEdit edit, List<String> emergencyPatches, GitOpsFiles files) {
        ArrayNode arr = node.putArray("changes");
        for (Change c : edit.changes()) {
            ObjectNode o = arr.addObject();
            o.put("file", files.display(c.field().role()));
            o.put("path", c.field().path().toString());
            o.put("from", c.before());
            o.put("to", c.after().text());
        }
        edit.operatorAction().ifPresent(a -> node.put("operatorAction", a.toString()));
        ArrayNode patches = node.putArray("emergencyPatches");
        emergencyPatches.forEach(patches::add);
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
        for (var w : root.get("warnings")) {
            out.println("WARNING: " + w.asText());
        }
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
