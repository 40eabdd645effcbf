package io.torghut.ta.replay.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a replay window [from, to) can be replayed and kept: Kafka must still hold the inputs
 * from {@code from} on (with a margin for the time the replay takes), and ClickHouse must not
 * delete the replayed rows by TTL as soon as they are written.
 */
public final class WindowFeasibility {
    private WindowFeasibility() {}

    /** The outcome: feasible when there are no problems. */
    public record Verdict(boolean feasible, List<String> problems, List<String> notes) {}

    /**
     * @param earliestRetained per input topic, the timestamp of its oldest retained record (for a
     *     topic with several partitions: the latest of the per-partition earliest ones)
     * @param ttl per output table, its TTL
     * @param margin how long before retention or TTL would bite the window must stay clear
     */
    public static Verdict check(
            Instant from,
            Instant to,
            Instant now,
            Map<String, Instant> earliestRetained,
            Map<String, Duration> ttl,
            Duration margin) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!from.isBefore(to)) {
            problems.add("window start " + from + " is not before its end " + to);
        }
        if (to.isAfter(now)) {
            problems.add("window end " + to + " is in the future (now " + now + ")");
        }
        if (earliestRetained.isEmpty()) {
            problems.add("no input retention known: pass --retention or --bootstrap");
        }
        for (Map.Entry<String, Instant> e : new TreeMap<>(earliestRetained).entrySet()) {
            Instant needed = e.getValue().plus(margin);
            if (from.isBefore(needed)) {
                problems.add(
                        "input "
                                + e.getKey()
                                + " retains records only from "
                                + e.getValue()
                                + "; with a margin of "
                                + margin
                                + " the window must start at or after "
                                + needed);
            } else {
                notes.add("input " + e.getKey() + " retained from " + e.getValue());
            }
        }
        for (Map.Entry<String, Duration> e : new TreeMap<>(ttl).entrySet()) {
            Instant expires = from.plus(e.getValue());
            if (!expires.isAfter(now.plus(margin))) {
                problems.add(
                        "output "
                                + e.getKey()
                                + " has a TTL of "
                                + e.getValue()
                                + ": rows at the window start expire at "
                                + expires
                                + ", within the margin of now; they would be deleted by the next"
                                + " merges");
            } else {
                notes.add(
                        "output "
                                + e.getKey()
                                + " keeps rows at the window start until "
                                + expires);
            }
        }
        return new Verdict(problems.isEmpty(), List.copyOf(problems), List.copyOf(notes));
    }
}
