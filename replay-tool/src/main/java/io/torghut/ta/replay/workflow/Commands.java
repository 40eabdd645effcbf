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

    /**
     * One of the checkpoints scripts run on the replay's state: {@code script} with {@code
     * --replay-id}, then {@code flags}, then the location flags of {@code statePrefix}, so the
     * script acts on exactly the prefix the tool read from the manifests and not on its defaults.
     */
    public static String script(String script, String replayId, String statePrefix, String flags) {
        return "checkpoints-scripts/bin/"
                + script
                + " --replay-id "
                + replayId
                + flags
                + scriptLocation(statePrefix);
    }

    /**
     * The checkpoints scripts' {@code --bucket} and {@code --prefix} flags of a state prefix such
     * as {@code s3a://flink-checkpoints/torghut/technical-analysis}, with a leading space.
     */
    public static String scriptLocation(String statePrefix) {
        String p = StatePaths.normalize(statePrefix).substring("s3a://".length());
        int slash = p.indexOf('/');
        if (slash < 0) {
            // A bucket root: the gates refuse it as a Mode 2 prefix, and the scripts refuse an
            // empty --prefix, so a command printed from an old ledger line says so when run.
            return " --bucket " + p + " --prefix ''";
        }
        return " --bucket " + p.substring(0, slash) + " --prefix " + p.substring(slash + 1);
    }

    /** The checkpoints scripts' wipe, which re-checks the backup against the live state first. */
    public static String wipeState(String replayId, String ticket, String statePrefix) {
        return script(
                "wipe-state",
                replayId,
                statePrefix,
                " --execute --confirm " + Gates.CONFIRMATION + " --ticket " + ticket);
    }

    /**
     * The same wipe without the scripts: plain deletes that check nothing, against {@code
     * s3Endpoint} (null: the aws CLI's own endpoint).
     */
    public static List<String> wipeByHand(String s3Endpoint, List<String> stateDirs) {
        return stateDirs.stream()
                .map(
                        dir ->
                                "aws"
                                        + (s3Endpoint == null
                                                ? ""
                                                : " --endpoint-url " + s3Endpoint)
                                        + " s3 rm --recursive "
                                        + StatePaths.forAwsCli(dir))
                .toList();
    }
}
