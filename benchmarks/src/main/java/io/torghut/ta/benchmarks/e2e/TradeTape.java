package io.torghut.ta.benchmarks.e2e;

import io.torghut.ta.local.EnvelopeWriter;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;

/**
 * A deterministic stream of trades in the wire format of {@code torghut.trades.v1} (written by the
 * local run's {@link EnvelopeWriter}), generated one at a time so that tens of millions never sit
 * in memory (the local run's {@code TapeGenerator} keeps the whole tape and what it put on it,
 * which a benchmark cannot afford).
 *
 * <p>Symbols {@code S0000 ...} are drawn uniformly; each has its own random walk around 100 with
 * whole-share sizes of 1 to 500. Every symbol goes to the partition Kafka's default partitioner
 * gives its key, computed here so the caller knows it before sending. The JSON is the envelope the
 * job decodes: ISO-8601 timestamps, camelCase keys, a payload with price {@code p} and size {@code
 * s}, plus the fields the real feed carries and the job skips.
 */
public final class TradeTape {
    private final String[] symbols;
    private final int[] partitionOf;
    private final double[] price;
    private final long[] seq;
    private final long[] quoteSeq;
    private int last;
    private final SplittableRandom random;
    private final EnvelopeWriter json = new EnvelopeWriter();

    /** The last trade produced by {@link #next}. */
    String symbol;

    /** Partition of {@link #symbol}. */
    int partition;

    /** Creates a tape over {@code symbolCount} symbols for a topic of {@code partitions}. */
    public TradeTape(int symbolCount, int partitions, long seed) {
        symbols = new String[symbolCount];
        partitionOf = new int[symbolCount];
        price = new double[symbolCount];
        seq = new long[symbolCount];
        quoteSeq = new long[symbolCount];
        random = new SplittableRandom(seed);
        for (int i = 0; i < symbolCount; i++) {
            symbols[i] = String.format("S%04d", i);
            partitionOf[i] = partitionFor(symbols[i], partitions);
            price[i] = 50 + random.nextInt(100);
        }
    }

    /** The partition Kafka's default partitioner picks for a record with this key. */
    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(Utils.utf8(key))) % partitions;
    }

    /**
     * The JSON of the next trade, at event time {@code eventTs} and ingest time {@code ingestTs};
     * sets {@link #symbol} and {@link #partition}.
     */
    public String next(long eventTs, long ingestTs) {
        int i = random.nextInt(symbols.length);
        double p = price[i] * (1 + (random.nextDouble() - 0.5) * 0.002);
        p = Math.max(0.01, Math.round(p * 100) / 100.0);
        price[i] = p;
        long s = 1 + random.nextInt(500);
        long n = ++seq[i];
        last = i;
        symbol = symbols[i];
        partition = partitionOf[i];
        return json.trade(symbol, n, eventTs, ingestTs, p, s);
    }

    /**
     * The JSON of a quote for the symbol of the last trade, around its price, in the wire format of
     * {@code torghut.quotes.v1}; {@link #symbol} and {@link #partition} stay those of that trade.
     */
    String quote(long eventTs, long ingestTs) {
        int i = last;
        double spread = 0.01 * (1 + random.nextInt(4));
        double bid = Math.round((price[i] - spread / 2) * 1000) / 1000.0;
        double ask = Math.round((price[i] + spread / 2) * 1000) / 1000.0;
        return json.quote(
                symbols[i],
                ++quoteSeq[i],
                eventTs,
                ingestTs,
                bid,
                100 * (1 + random.nextInt(30)),
                ask,
                100 * (1 + random.nextInt(30)));
    }

    /** Number of symbols. */
    int symbolCount() {
        return symbols.length;
    }

    /** Partition of symbol {@code i}. */
    int partitionOf(int i) {
        return partitionOf[i];
    }

    /** Symbol {@code i}. */
    String symbol(int i) {
        return symbols[i];
    }

    /**
     * The JSON of a final 1 min bar of symbol {@code i} for the minute starting at {@code startMs},
     * in the wire format of {@code torghut.bars.1m.v1} (event time = the minute's end), flat at the
     * symbol's current price.
     */
    String minuteBar(int i, long startMs, long ingestTs) {
        double p = price[i];
        return json.minuteBar(
                symbols[i], startMs / 60_000, startMs, ingestTs, true, p, p, p, p, 100, p, 1);
    }
}
