package io.torghut.ta.job.sources;

import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.TradeEvent;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Marks trades that are late within their own partition: a trade whose 1 s window would already be
 * closed by that partition's watermark (newest event time read - bound - 1) when it is read.
 *
 * <p>Why: the watermark an operator sees is the minimum over all partitions and depends on how fast
 * each is read, so whether a far-behind trade still finds its window open would otherwise depend on
 * processing speed. This rule depends only on the partition's record order, so a replay classifies
 * the same trades as late. Trades within the bound are never marked. The per-partition maxima are
 * not checkpointed; right after a restore the operator's own watermark check remains.
 */
public final class PartitionLateness implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long boundMs;
    private final long allowedLatenessMs;
    private final long windowMs;
    private transient Map<String, long[]> newest;

    /** The partition of the previous record and its maximum: records come in runs per partition. */
    private transient String lastPartition;

    private transient long[] lastNewest;

    /** Creates the rule for a bound, the allowed lateness and the bar length. */
    public PartitionLateness(long boundMs, long allowedLatenessMs, long windowMs) {
        this.boundMs = boundMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.windowMs = windowMs;
    }

    /** Observes a decoded record of {@code partition}, marking it if it is a late trade. */
    public void observe(String partition, InputRecord record) {
        if (!(record instanceof TradeEvent trade) || !record.isValid()) {
            return;
        }
        long[] max = newestOf(partition);
        if (max[0] != Long.MIN_VALUE) {
            long watermark = max[0] - boundMs - 1;
            long windowEnd = Math.floorDiv(trade.eventTs, windowMs) * windowMs + windowMs;
            if (windowEnd - 1 + allowedLatenessMs <= watermark) {
                trade.lateInPartition = true;
            }
        }
        if (trade.eventTs > max[0]) {
            max[0] = trade.eventTs;
        }
    }

    /** The newest event time seen in {@code partition}, Long.MIN_VALUE before any. */
    private long[] newestOf(String partition) {
        if (partition.equals(lastPartition)) {
            return lastNewest;
        }
        if (newest == null) {
            newest = new HashMap<>();
        }
        long[] max = newest.computeIfAbsent(partition, p -> new long[] {Long.MIN_VALUE});
        lastPartition = partition;
        lastNewest = max;
        return max;
    }
}
