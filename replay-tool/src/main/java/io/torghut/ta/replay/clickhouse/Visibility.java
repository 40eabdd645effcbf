package io.torghut.ta.replay.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What readers see of a replay window. Production's readers never query with {@code FINAL}, so
 * after a replay each row identity it wrote again shows once per copy until ClickHouse merges the
 * partition; {@code FINAL} shows one, the newest.
 */
public final class Visibility {
    private Visibility() {}

    /**
     * One partition of a table in the window.
     *
     * @param readerRows rows a query without {@code FINAL} counts
     * @param finalRows rows under {@code FINAL}: one per row identity
     */
    public record Partition(String table, String partition, long readerRows, long finalRows) {
        /** The copies readers see beyond one per identity. */
        public long extraCopies() {
            return readerRows - finalRows;
        }
    }

    /**
     * A partition's active parts: what a merge of it reads and writes again on each replica.
     *
     * @param partition the partition's value, e.g. {@code 2026-11-30}
     * @param partitionId the server's id for it, e.g. {@code 20261130}
     */
    public record PartitionParts(
            String table,
            String partition,
            String partitionId,
            long parts,
            long rows,
            long bytesOnDisk) {}

    /** One row per partition seen by either count, in partition order. */
    public static List<Partition> combine(
            String table, Map<String, Long> readerRows, Map<String, Long> finalRows) {
        List<Partition> out = new ArrayList<>();
        TreeSet<String> partitions = new TreeSet<>(readerRows.keySet());
        partitions.addAll(finalRows.keySet());
        for (String p : partitions) {
            out.add(
                    new Partition(
                            table,
                            p,
                            readerRows.getOrDefault(p, 0L),
                            finalRows.getOrDefault(p, 0L)));
        }
        return out;
    }

    /** The report's lines: one per partition, then what the extra copies mean. */
    public static List<String> lines(List<Partition> partitions) {
        List<String> lines = new ArrayList<>();
        if (partitions.isEmpty()) {
            lines.add("visibility: no rows in the window");
            return lines;
        }
        long extra = 0;
        for (Partition p : partitions) {
            extra += p.extraCopies();
            lines.add(
                    String.format(
                            "visibility: %-12s %s  readers %,d  FINAL %,d  extra copies %,d",
                            p.table(),
                            p.partition(),
                            p.readerRows(),
                            p.finalRows(),
                            p.extraCopies()));
        }
        lines.add(
                extra == 0
                        ? "visibility: readers see each row once"
                        : String.format(
                                "visibility: readers without FINAL see %,d rows twice or more until"
                                        + " ClickHouse merges them; the optimize step merges the"
                                        + " partitions listed now",
                                extra));
        return lines;
    }
}
