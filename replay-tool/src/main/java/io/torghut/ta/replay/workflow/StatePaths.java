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

    public static boolean isUnder(String path, String dir) {
        return dir != null && normalize(path).startsWith(normalize(dir) + "/");
    }

    /** The parent both state directories share, e.g. {@code s3a://b/torghut/technical-analysis}. */
    public static String statePrefix(String checkpointDir, String savepointDir) {
        if (checkpointDir == null || savepointDir == null) {
            return null;
        }
        String c = normalize(checkpointDir);
        String s = normalize(savepointDir);
        if (c.lastIndexOf('/') < 0 || s.lastIndexOf('/') < 0) {
            return null;
        }
        String cp = c.substring(0, c.lastIndexOf('/'));
        String sp = s.substring(0, s.lastIndexOf('/'));
        return cp.equals(sp) ? cp : null;
    }

    /**
     * Returns null when {@code path} is an acceptable rollback restore path: an S3 location of a
     * checkpoint or savepoint under the job's state directories. Otherwise the reason.
     */
    public static String restorePathProblem(
            String path, String checkpointDir, String savepointDir) {
        if (path == null || path.isBlank()) {
            return "a restore path is required: the checkpoint (chk-N) or savepoint a rollback"
                    + " redeploys from";
        }
        if (!SAFE.matcher(path).matches()) {
            return "restore path '"
                    + path
                    + "' is not an s3a:// or s3:// path of letters, digits and . _ = -";
        }
        if (!isUnder(path, checkpointDir) && !isUnder(path, savepointDir)) {
            return "restore path '"
                    + path
                    + "' is not under TA_CHECKPOINT_DIR ("
                    + checkpointDir
                    + ") or TA_SAVEPOINT_DIR ("
                    + savepointDir
                    + ")";
        }
        return null;
    }
}
