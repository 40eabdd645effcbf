package io.torghut.ta.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.testkit.FlinkRest;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When a (re)started job is really back: not when the job reads RUNNING (that happens before its
 * tasks are even deployed) but when every task of every vertex is RUNNING, which a task only
 * becomes after restoring its state (where a transactional Kafka sink aborts lingering transactions
 * and resumes the ones to commit), and a checkpoint has completed since. On a timeout the failure
 * carries a dump of the test JVM's threads, where the MiniCluster's tasks run.
 */
final class JobReadiness {
    private JobReadiness() {}

    /** Whether every task of the job is RUNNING. */
    static boolean allTasksRunning(FlinkRest rest, String job) {
        JsonNode vertices = rest.get("jobs/" + job).path("vertices");
        if (!vertices.isArray() || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode v : vertices) {
            if (!v.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every task is RUNNING and a checkpoint has completed after that; returns how long
     * from the call.
     *
     * @throws AssertionError after {@code bound}, with the job's task states and a thread dump
     */
    static Duration awaitBack(FlinkRest rest, String job, Duration bound) {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        long checkpointsAtRunning = -1;
        while (System.nanoTime() < deadline) {
            try {
                if (checkpointsAtRunning < 0 && allTasksRunning(rest, job)) {
                    checkpointsAtRunning = rest.completedCheckpoints(job);
                }
                if (checkpointsAtRunning >= 0
                        && rest.completedCheckpoints(job) > checkpointsAtRunning) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (RuntimeException notYet) {
                // The REST API may not know the job for a moment after a (re)submission.
            }
            sleep(200);
        }
        throw new AssertionError(
                "job "
                        + job
                        + " was not back (every task RUNNING and a checkpoint after it) within "
                        + bound
                        + "; tasks: "
                        + taskStates(rest, job)
                        + "\n"
                        + threadDump());
    }

    private static String taskStates(FlinkRest rest, String job) {
        try {
            StringBuilder out = new StringBuilder();
            for (JsonNode v : rest.get("jobs/" + job).path("vertices")) {
                out.append(v.path("name").asText())
                        .append('=')
                        .append(v.path("status").asText())
                        .append("; ");
            }
            return out.toString();
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** The stacks of this JVM's task, Kafka and sink threads, for a stall's evidence. */
    static String threadDump() {
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        return all.entrySet().stream()
                .filter(
                        e -> {
                            String n = e.getKey().getName();
                            return n.contains("kafka")
                                    || n.contains("Sink")
                                    || n.contains("Source")
                                    || n.contains("Committer")
                                    || n.contains("microbars")
                                    || n.contains("signals");
                        })
                .map(
                        e ->
                                "\""
                                        + e.getKey().getName()
                                        + "\" "
                                        + e.getKey().getState()
                                        + "\n"
                                        + java.util.Arrays.stream(e.getValue())
                                                .limit(40)
                                                .map(f -> "    at " + f)
                                                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n\n", "thread dump:\n", "\n"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
