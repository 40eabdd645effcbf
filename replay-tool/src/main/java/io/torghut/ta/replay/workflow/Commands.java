package io.torghut.ta.replay.workflow;

import java.util.List;

/**
 * The command lines the tool prints for oncall to run: the next replay-tool step (with what must
 * pass before it) and the commands of the steps oncall runs by hand.
 */
public final class Commands {
    private Commands() {}

    /**
     * The command of step {@code step}, preceded by the check it needs (check-window or verify);
     * past the last step, a note that the replay is complete. {@code ticket} is printed for Mode 2.
     */
    public static String step(Mode mode, int step, String replayId, String ticket) {
        if (step > mode.steps().size()) {
            return "nothing: the replay is complete";
        }
        StepKind kind = mode.step(step);
        String cmd = "replay-tool " + mode.id() + " --replay-id " + replayId + " --step " + step;
        if (mode == Mode.MODE2) {
            cmd += " --confirm " + Gates.CONFIRMATION + " --ticket " + ticket;
        }
        return switch (kind) {
            case RESTART_STATELESS ->
                    mode == Mode.MODE1 ? cmd + " --restore-path <chk-or-savepoint>" : cmd;
            case BACKUP_VERIFY ->
                    cmd + " --backup-manifest <manifest.json> --restore-path <chk-or-savepoint>";
            case STEADY_STATE, RESUME_TRADING ->
                    "replay-tool verify --replay-id " + replayId + " ... (must pass), then " + cmd;
            case FRESH_GROUP ->
                    "replay-tool check-window --replay-id " + replayId + " ... then " + cmd;
            default -> cmd;
        };
    }

    /** The rollback of a replay. */
    public static String rollback(String replayId) {
        return "replay-tool rollback --replay-id " + replayId;
    }

    /** The checkpoints scripts' wipe, which re-checks the backup against the live state first. */
    public static String wipeState(String replayId, String ticket) {
        return "checkpoints-scripts/bin/wipe-state --replay-id "
                + replayId
                + " --execute --confirm "
                + Gates.CONFIRMATION
                + " --ticket "
                + ticket;
    }

    /** The same wipe without the scripts: plain deletes that check nothing. */
    public static List<String> wipeByHand(String namespace, List<String> stateDirs) {
        return stateDirs.stream()
                .map(
                        dir ->
                                "kubectl -n "
                                        + namespace
                                        + " exec <pod-with-aws-cli> -- aws --endpoint-url"
                                        + " <s3-endpoint> s3 rm --recursive "
                                        + StatePaths.forAwsCli(dir))
                .toList();
    }
}
