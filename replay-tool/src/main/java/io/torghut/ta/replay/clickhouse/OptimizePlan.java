package io.torghut.ta.replay.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The optional Mode 1 step that makes readers see a replay once: {@code OPTIMIZE TABLE ...
 * PARTITION ID ... FINAL} for each partition of the replay window in which readers see extra
 * copies, and no other. Pure: from what {@link Visibility} found and the partitions' parts to the
 * statements and their cost.
 */
public final class OptimizePlan {
    private OptimizePlan() {}

    /** One statement, with what it costs. */
    public record Merge(
            Visibility.Partition visibility, Visibility.PartitionParts parts, String statement) {}

    /**
     * The merges of the partitions with extra copies; {@code parts} holds the active parts of the
     * window's partitions. A partition with copies but no active part was dropped or merged away
     * meanwhile and needs nothing.
     */
    public static List<Merge> plan(
            String database,
            List<Visibility.Partition> partitions,
            List<Visibility.PartitionParts> parts) {
        Map<String, Visibility.PartitionParts> byKey =
                parts.stream()
                        .collect(
                                Collectors.toMap(
                                        p -> p.table() + " " + p.partition(), Function.identity()));
        List<Merge> out = new ArrayList<>();
        for (Visibility.Partition v : partitions) {
            Visibility.PartitionParts p = byKey.get(v.table() + " " + v.partition());
            if (v.extraCopies() <= 0 || p == null) {
                continue;
            }
            out.add(new Merge(v, p, VerifyQueries.optimize(database, v.table(), p.partitionId())));
        }
        return out;
    }

    /** What each merge does and costs, then the total; each line is for oncall to read. */
    public static List<String> cost(List<Merge> merges) {
        List<String> lines = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (Merge m : merges) {
            rows += m.parts().rows();
            bytes += m.parts().bytesOnDisk();
            lines.add(
                    String.format(
                            "%s  -- %s: %,d parts, %,d rows, %s on disk rewritten; %,d extra"
                                    + " copies go",
                            m.statement(),
                            m.parts().partition(),
                            m.parts().parts(),
                            m.parts().rows(),
                            size(m.parts().bytesOnDisk()),
                            m.visibility().extraCopies()));
        }
        lines.add(
                String.format(
                        "cost: %,d merges reading and writing %,d rows (%s) on each replica, one"
                                + " after another; reads go on meanwhile, and the merges compete"
                                + " with the live job's inserts and merges for disk and CPU",
                        merges.size(), rows, size(bytes)));
        return lines;
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%,.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%,.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%,.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
