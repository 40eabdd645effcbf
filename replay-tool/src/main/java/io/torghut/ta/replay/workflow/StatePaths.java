package io.torghut.ta.replay.workflow;

import java.util.regex.Pattern;

/** Checks on S3 state locations: checkpoint, savepoint and backup paths. */
public final class StatePaths {
    private static final Pattern SAFE =
            Pattern.compile("s3a?://[A-Za-z0-9._-]+(/[A-Za-z0-9._=-]+)*/?");

    private StatePaths() {}

    /** {@code s3://} and {@code s3a://} name the same object; compare in one form. */
    public static String normalize(String path) {
        String p = path.startsWith("s3://") ? "s3a://" + path.substring(5) : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The same location for the aws CLI, which only knows {@code s3://}. */
    public static String forAwsCli(String path) {
        return "s3://" + normalize(path).substring("s3a://".length());
    }

    /** The state prefix of a backup prefix {@code <prefix>/backup/<REPLAY_ID>}. */
    public static String parentOfBackup(String backupPrefix) {
        String p = normalize(backupPrefix);
        int i = p.lastIndexOf("/backup/");
        if (i < 0) {
            throw new IllegalArgumentException("not a backup prefix: " + backupPrefix);
        }
        return p.substring(0, i);
    }

    /** Whether {@code path} lies strictly below {@code dir} (false when {@code dir} is null). */
    public static boolean isUnder(String path, String dir) {
        return dir != null && normalize(path).startsWith(normalize(dir) + "/");
    }

    /**
     * Returns null when {@code path} is an acceptable rollback restore path: an S3 location of a
     * checkpoint or savepoint under the job's state directories. Otherwise the reason.
     */
    public static String restorePathProblem(
            String path, String checkpointDir, String savepointDir) {
        return restorePathProblem(
                path,
                new StateLocation.Directory(checkpointDir, "the checkpoint directory"),
                new StateLocation.Directory(savepointDir, "the savepoint directory"));
    }

    /**
     * Returns null when {@code path} is an acceptable rollback restore path under one of the state
     * directories of {@code location}; otherwise the reason, naming the settings they come from.
     */
    public static String restorePathProblem(String path, StateLocation location) {
        return restorePathProblem(path, location.checkpoints(), location.savepoints());
    }

    private static String restorePathProblem(
            String path, StateLocation.Directory checkpoints, StateLocation.Directory savepoints) {
        if (path == null || path.isBlank()) {
            return "a restore path is required: the checkpoint (chk-N) or savepoint a rollback"
                    + " redeploys from";
        }
        if (!SAFE.matcher(path).matches()) {
            return "restore path '"
                    + path
                    + "' is not an s3a:// or s3:// path of letters, digits and . _ = -";
        }
        if (!isUnder(path, checkpoints.dir()) && !isUnder(path, savepoints.dir())) {
            return "restore path '"
                    + path
                    + "' is not under "
                    + checkpoints.source()
                    + " ("
                    + checkpoints.dir()
                    + ") or "
                    + savepoints.source()
                    + " ("
                    + savepoints.dir()
                    + ")";
        }
        return null;
    }
}
