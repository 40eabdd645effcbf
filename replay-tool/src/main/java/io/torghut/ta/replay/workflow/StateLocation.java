package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.GitOpsState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the TA job's checkpoints and savepoints are, read from the ConfigMap and the
 * FlinkDeployment by the one rule the job ({@code JobSettings}), this tool and the checkpoints
 * scripts share (docs/runbook-replay.md, "State directories"):
 *
 * <ul>
 *   <li>{@code TA_CHECKPOINT_DIR} is the state prefix, the parent of {@code checkpoints/}, {@code
 *       savepoints/} and the scripts' {@code backup/}: the job writes its checkpoints to {@code
 *       <TA_CHECKPOINT_DIR>/checkpoints/<job-id>/chk-N}.
 *   <li>{@code TA_SAVEPOINT_DIR} is the savepoint directory itself.
 *   <li>The job sets both in its own configuration, which Flink lays over the cluster's, so a TA_*
 *       key wins over the FlinkDeployment's {@code flinkConfiguration}; where the ConfigMap is
 *       silent, {@code flinkConfiguration} decides, Flink 2's key before its deprecated names
 *       ({@link #CHECKPOINT_KEYS}, {@link #SAVEPOINT_KEYS}).
 *   <li>The operator reads only {@code flinkConfiguration}: it checks the checkpoint directory
 *       there and writes the savepoints it takes (at a suspend, in a savepoint upgrade) to the
 *       savepoint directory there. So when both files name a directory they must name the same one,
 *       or state ends up in two places; {@link #problems()} says where they disagree.
 * </ul>
 *
 * @param prefix the state prefix: TA_CHECKPOINT_DIR, else the parent of a {@code
 *     flinkConfiguration} checkpoint directory ending in {@code /checkpoints}; null when neither
 *     says
 * @param checkpoints the directory the job writes checkpoints to; its dir is null when unknown
 * @param savepoints the savepoint directory; its dir is null when unknown
 * @param problems every disagreement between the settings, one sentence each; empty when they agree
 */
public record StateLocation(
        String prefix, Directory checkpoints, Directory savepoints, List<String> problems) {

    /** Flink's checkpoint directory option, then its deprecated names, in Flink's precedence. */
    public static final List<String> CHECKPOINT_KEYS =
            List.of(
                    "execution.checkpointing.dir",
                    "state.checkpoints.dir",
                    "state.backend.fs.checkpointdir");

    /** Flink's savepoint directory option, then its deprecated name, in Flink's precedence. */
    public static final List<String> SAVEPOINT_KEYS =
            List.of("execution.checkpointing.savepoint-dir", "state.savepoints.dir");

    /** Last path segments that belong inside the state tree, never to its prefix. */
    private static final Set<String> TREE_SEGMENTS = Set.of("checkpoints", "savepoints", "backup");

    /**
     * A state directory and the setting it comes from.
     *
     * @param dir the directory without a trailing slash, null when no setting names one
     * @param source the setting, as oncall finds it in the files (e.g. {@code TA_SAVEPOINT_DIR})
     */
    public record Directory(String dir, String source) {
        /** Whether a setting names the directory. */
        public boolean known() {
            return dir != null;
        }
    }

    public StateLocation {
        problems = List.copyOf(problems);
    }

    /** The location the GitOps files give. */
    public static StateLocation of(GitOpsState state) {
        return resolve(state.taCheckpointDir(), state.taSavepointDir(), state.flinkConfiguration());
    }

    /**
     * The location the settings give.
     *
     * @param taCheckpointDir the ConfigMap's TA_CHECKPOINT_DIR, null when absent
     * @param taSavepointDir the ConfigMap's TA_SAVEPOINT_DIR, null when absent
     * @param flinkConfiguration the FlinkDeployment's spec.flinkConfiguration
     */
    public static StateLocation resolve(
            String taCheckpointDir, String taSavepointDir, Map<String, String> flinkConfiguration) {
        List<String> problems = new ArrayList<>();
        String base = blankToNull(taCheckpointDir);
        String taSavepoints = blankToNull(taSavepointDir);
        Optional<Map.Entry<String, String>> fdCheckpoints =
                first(flinkConfiguration, CHECKPOINT_KEYS, problems);
        Optional<Map.Entry<String, String>> fdSavepoints =
                first(flinkConfiguration, SAVEPOINT_KEYS, problems);

        String prefix;
        Directory checkpoints;
        if (base != null) {
            prefix = trim(base);
            String last = prefix.substring(prefix.lastIndexOf('/') + 1);
            if (TREE_SEGMENTS.contains(last)) {
                problems.add(
                        "TA_CHECKPOINT_DIR is "
                                + base
                                + ", whose last segment is '"
                                + last
                                + "': the job reads TA_CHECKPOINT_DIR as the parent of"
                                + " checkpoints/ and savepoints/ and writes its checkpoints to "
                                + prefix
                                + "/checkpoints/<job-id>/chk-N. Set TA_CHECKPOINT_DIR to the"
                                + " parent, "
                                + prefix.substring(0, prefix.lastIndexOf('/')));
            }
            checkpoints = new Directory(prefix + "/checkpoints", "TA_CHECKPOINT_DIR/checkpoints");
            fdCheckpoints
                    .filter(e -> !same(e.getValue(), checkpoints.dir()))
                    .ifPresent(
                            e ->
                                    problems.add(
                                            "checkpoints: the job writes them to "
                                                    + checkpoints.dir()
                                                    + " (TA_CHECKPOINT_DIR/checkpoints; the"
                                                    + " job's own setting wins over the"
                                                    + " cluster's), but the FlinkDeployment's "
                                                    + e.getKey()
                                                    + " is "
                                                    + e.getValue()
                                                    + " (the directory the operator checks)"));
        } else if (fdCheckpoints.isPresent()) {
            String dir = trim(fdCheckpoints.get().getValue());
            checkpoints = new Directory(dir, "flinkConfiguration " + fdCheckpoints.get().getKey());
            prefix =
                    dir.endsWith("/checkpoints")
                            ? dir.substring(0, dir.length() - "/checkpoints".length())
                            : null;
        } else {
            prefix = null;
            checkpoints = new Directory(null, "TA_CHECKPOINT_DIR");
        }

        Directory savepoints;
        if (taSavepoints != null) {
            savepoints = new Directory(trim(taSavepoints), "TA_SAVEPOINT_DIR");
            fdSavepoints
                    .filter(e -> !same(e.getValue(), savepoints.dir()))
                    .ifPresent(
                            e ->
                                    problems.add(
                                            "savepoints: TA_SAVEPOINT_DIR is "
                                                    + savepoints.dir()
                                                    + " (where the job's own savepoints go),"
                                                    + " but the operator writes the savepoints"
                                                    + " it takes (at a suspend, in a savepoint"
                                                    + " upgrade) to the FlinkDeployment's "
                                                    + e.getKey()
                                                    + ", "
                                                    + e.getValue()));
        } else if (fdSavepoints.isPresent()) {
            savepoints =
                    new Directory(
                            trim(fdSavepoints.get().getValue()),
                            "flinkConfiguration " + fdSavepoints.get().getKey());
        } else {
            savepoints = new Directory(null, "TA_SAVEPOINT_DIR");
        }
        return new StateLocation(prefix, checkpoints, savepoints, problems);
    }

    /**
     * Whether the checkpoints scripts cover this location: they act on an S3 prefix below a
     * bucket's root and back up, wipe and restore exactly {@code <prefix>/checkpoints} and {@code
     * <prefix>/savepoints}.
     */
    public boolean scriptsCoverIt() {
        return prefix != null
                && prefix.matches("s3a?://[^/]+/.+")
                && same(checkpoints.dir(), prefix + "/checkpoints")
                && same(savepoints.dir(), prefix + "/savepoints");
    }

    /**
     * The setting of {@code keys} that Flink reads (the first present), noting a deprecated name
     * that is set to something else as a problem.
     */
    private static Optional<Map.Entry<String, String>> first(
            Map<String, String> conf, List<String> keys, List<String> problems) {
        Map.Entry<String, String> winner = null;
        for (String key : keys) {
            String value = blankToNull(conf.get(key));
            if (value == null) {
                continue;
            }
            if (winner == null) {
                winner = Map.entry(key, value);
            } else if (!same(value, winner.getValue())) {
                problems.add(
                        "the FlinkDeployment sets "
                                + winner.getKey()
                                + " to "
                                + winner.getValue()
                                + " and its deprecated name "
                                + key
                                + " to "
                                + value
                                + "; Flink reads "
                                + winner.getKey()
                                + ". Keep one of them");
            }
        }
        return Optional.ofNullable(winner);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && StatePaths.normalize(a).equals(StatePaths.normalize(b));
    }

    private static String trim(String dir) {
        String d = dir.strip();
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
