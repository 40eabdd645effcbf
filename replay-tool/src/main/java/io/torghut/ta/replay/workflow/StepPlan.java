package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.LedgerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a replay does: its GitOps changes and the operator's action on them, what it
 * does outside GitOps, the ledger line it records, and what oncall checks and runs next. The plan
 * describes every step with it (on the files as the earlier steps leave them), a step run the step
 * it runs.
 */
public final class StepPlan {
    private final Mode mode;
    private final int number;
    private final String ticket;
    private final ReplayContext ctx;
    private final GitOpsEdit edit;
    private final List<String> effects;

    private StepPlan(
            Mode mode,
            int number,
            String ticket,
            ReplayContext ctx,
            GitOpsEdit edit,
            List<String> effects) {
        this.mode = mode;
        this.number = number;
        this.ticket = ticket;
        this.ctx = ctx;
        this.edit = edit;
        this.effects = effects;
    }

    /**
     * Step {@code number} of {@code mode} applied to {@code before}, the files as the earlier steps
     * leave them. {@code ticket} is printed in Mode 2 commands.
     */
    public static StepPlan describe(
            Session s,
            Mode mode,
            int number,
            String ticket,
            Texts before,
            Prev prev,
            ReplayContext ctx) {
        StepKind kind = mode.step(number);
        GitOpsEdit edit =
                GitOpsEdit.of(before, Workflow.changes(kind, before, prev, ctx), s.files());
        return new StepPlan(mode, number, ticket, ctx, edit, effects(kind, s, ctx, ticket));
    }

    /** What a step does outside GitOps (S3, Kafka), for the steps that act there. */
    private static List<String> effects(
            StepKind kind, Session s, ReplayContext ctx, String ticket) {
        String checkpoints = s.stateLocation().checkpoints().dir();
        String savepoints = s.stateLocation().savepoints().dir();
        return switch (kind) {
            case BACKUP_VERIFY ->
                    List.of(
                            Commands.script("backup-state", ctx.replayId(), ctx.statePrefix(), "")
                                    + " copies "
                                    + checkpoints
                                    + " and "
                                    + savepoints
                                    + " to "
                                    + ctx.backupPrefix()
                                    + "/ and writes manifest.json there");
            case RECREATE_TOPICS ->
                    TaTopics.derived(s.texts()).stream()
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
                            Commands.wipeState(ctx.replayId(), ticket, ctx.statePrefix())
                                    + " deletes everything under "
                                    + checkpoints
                                    + " and "
                                    + savepoints);
            default -> List.of();
        };
    }

    public Mode mode() {
        return mode;
    }

    /** The step number within the mode. */
    public int number() {
        return number;
    }

    public StepKind kind() {
        return mode.step(number);
    }

    public ReplayContext context() {
        return ctx;
    }

    /** The step's GitOps changes (none for the steps that act on S3 or Kafka only). */
    public GitOpsEdit edit() {
        return edit;
    }

    public String title() {
        return kind().title();
    }

    /** Why the step exists. */
    public String why() {
        return StepGuide.why(kind());
    }

    /** The command that runs the step, preceded by the check it needs. */
    public String command() {
        return Commands.step(mode, number, ctx.replayId(), ticket);
    }

    /** The command of the next step, or that the replay is complete. */
    public String nextCommand() {
        return Commands.step(mode, number + 1, ctx.replayId(), ticket);
    }

    /** The command that records a step oncall ran by hand. */
    public String recordDoneCommand() {
        return command() + " --record-done";
    }

    /** What the step does outside GitOps. */
    public List<String> effects() {
        return effects;
    }

    /** What to check after the sync, before the next step. */
    public List<String> checks() {
        return StepGuide.checks(kind(), ctx);
    }

    /** When to stop (and roll back) instead of going on. */
    public String stopIf() {
        return StepGuide.stopIf(kind());
    }

    /**
     * The ledger line the step appends: the first step also records the PREV values and reserves
     * the group id, the fresh-group step the group id, and the restart and backup steps a restore
     * path given on the command line.
     */
    public LedgerEvent event(Instant at, Prev prev, String givenRestorePath) {
        StepKind kind = kind();
        LedgerEvent event =
                LedgerEvent.step(at.toString(), ctx.replayId(), mode.id(), number, kind.action())
                        .withTicket(ticket);
        if (number == 1) {
            event = event.withPrev(prev.toMap()).withGroupId(ctx.groupId());
        }
        if (kind == StepKind.FRESH_GROUP) {
            event = event.withGroupId(ctx.groupId());
        }
        if (givenRestorePath != null
                && (kind == StepKind.RESTART_STATELESS || kind == StepKind.BACKUP_VERIFY)) {
            event = event.withRestorePath(givenRestorePath);
        }
        return event;
    }

    /**
     * Whether the step may be recorded now: the topic step once the tool recreated the topics or
     * oncall says it ran the commands, the wipe only on oncall's word, every other step always.
     */
    public boolean mayRecord(boolean performedByTheTool, boolean recordDone) {
        return switch (kind()) {
            case RECREATE_TOPICS -> performedByTheTool || recordDone;
            case WIPE_STATE -> recordDone;
            default -> true;
        };
    }

    /** What oncall does after the step was written, in order. */
    public List<String> next() {
        List<String> out = new ArrayList<>();
        if (!edit.changes().isEmpty()) {
            out.add(
                    String.format(
                            "Commit the files and the ledger (\"replay %s: %s step %d %s\"), push,"
                                    + " and Argo CD sync.",
                            ctx.replayId(), mode.id(), number, kind().action()));
        } else {
            out.add("Commit the ledger line and push.");
        }
        for (String check : checks()) {
            out.add("Check: " + check);
        }
        out.add("Stop if: " + stopIf());
        out.add(
                number < mode.steps().size()
                        ? "Then: " + nextCommand()
                        : "The replay is complete.");
        return out;
    }
}
