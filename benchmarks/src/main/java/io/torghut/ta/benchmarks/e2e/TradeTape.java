package io.torghut.ta.benchmarks.e2e;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;

/**
 * A deterministic stream of trades in the wire format of {@code torghut.trades.v1}, generated one
 * at a time so that tens of millions never sit in memory (the job's {@code TapeGenerator} keeps the
 * whole tape and its ground truth, which is what a correctness test needs and a benchmark cannot
 * afford).
 *
 * <p>Symbols {@code S0000 ...} are drawn uniformly; each has its own random walk around 100 with
 * whole-share sizes of 1 to 500. Every symbol goes to the partition Kafka's default partitioner
 * gives its key, computed here so the caller knows it before sending. The JSON is the envelope the
 * job decodes: ISO-8601 timestamps, camelCase keys, a payload with price {@code p} and size {@code
 * s}, plus the fields the real feed carries and the job skips.
 */
public final class TradeTape {
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String[] symbols;
    private final int[] partitionOf;
    private final double[] price;
    private final long[] seq;
    private final long[] quoteSeq;
    private int last;
    private final SplittableRandom random;
    private final StringBuilder json = new StringBuilder(384);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

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
        json.setLength(0);
        json.append("{\"ingestTs\":\"");
        timestamp(ingestTs);
        json.append("\",\"eventTs\":\"");
        timestamp(eventTs);
        json.append("\",\"feed\":\"sip\",\"channel\":\"trades\",\"symbol\":\"")
                .append(symbol)
                .append("\",\"seq\":")
                .append(n)
                .append(",\"isFinal\":true,\"source\":\"ws\",\"version\":2,\"payload\":{\"i\":")
                .append(n * 7919)
                .append(",\"p\":")
                .append(p)
                .append(",\"s\":")
                .append(s)
                .append(",\"t\":\"");
        timestamp(eventTs);
        json.append("\",\"c\":[\"@\"],\"x\":\"V\"}}");
        return json.toString();
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
        json.setLength(0);
        json.append("{\"ingestTs\":\"");
        timestamp(ingestTs);
        json.append("\",\"eventTs\":\"");
        timestamp(eventTs);
        json.append("\",\"feed\":\"sip\",\"channel\":\"quotes\",\"symbol\":\"")
                .append(symbols[i])
                .append("\",\"seq\":")
                .append(++quoteSeq[i])
                .append(",\"isFinal\":true,\"source\":\"ws\",\"version\":2,\"payload\":{\"bp\":")
                .append(bid)
                .append(",\"bs\":")
                .append(100 * (1 + random.nextInt(30)))
                .append(",\"ap\":")
                .append(ask)
                .append(",\"as\":")
                .append(100 * (1 + random.nextInt(30)))
                .append(",\"t\":\"");
        timestamp(eventTs);
        json.append("\"}}");
        return json.toString();
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
        json.setLength(0);
        json.append("{\"ingestTs\":\"");
        timestamp(ingestTs);
        json.append("\",\"eventTs\":\"");
        timestamp(startMs + 60_000);
        json.append("\",\"feed\":\"sip\",\"channel\":\"bars\",\"symbol\":\"")
                .append(symbols[i])
                .append("\",\"seq\":")
                .append(startMs / 60_000)
                .append(",\"isFinal\":true,\"source\":\"ws\",\"version\":2,\"payload\":{\"o\":")
                .append(p)
                .append(",\"h\":")
                .append(p)
                .append(",\"l\":")
                .append(p)
                .append(",\"c\":")
                .append(p)
                .append(",\"v\":100,\"vw\":")
                .append(p)
                .append(",\"n\":1,\"t\":\"");
        timestamp(startMs);
        json.append("\"}}");
        return json.toString();
    }

    /** Appends ISO-8601 UTC with milliseconds, formatting each second once. */
    private void timestamp(long epochMs) {
        long second = Math.floorDiv(epochMs, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = SECOND.format(Instant.ofEpochSecond(second));
        }
        int ms = (int) Math.floorMod(epochMs, 1000);
        json.append(cachedPrefix).append('.');
        if (ms < 100) {
            json.append('0');
        }
        if (ms < 10) {
            json.append('0');
        }
        json.append(ms).append('Z');
    }
}
