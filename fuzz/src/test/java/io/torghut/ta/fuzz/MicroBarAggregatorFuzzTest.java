package io.torghut.ta.fuzz;

import static io.torghut.ta.fuzz.DecoderContract.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator;
import io.torghut.ta.core.bars.MicroBarAggregator.Outcome;
import io.torghut.ta.core.bars.ReferenceBars;
import io.torghut.ta.core.bars.ReferenceBars.Trade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;

/**
 * Proves, on fuzzer-chosen sequences of trades and watermarks (duplicates, out-of-order and late
 * trades, trades on window edges, extreme but finite prices and sizes, invalid values, negative
 * times, windows of 1 ms to 1 min), what the {@link MicroBarAggregator} Javadoc promises:
 *
 * <ul>
 *   <li>invalid prices and sizes throw {@link IllegalArgumentException}, nothing else throws;
 *   <li>every outcome (accepted, duplicate, late) and every emitted bar equals the brute-force
 *       {@link ReferenceBars}, and so do the open windows, buffered trades, next fire timestamp and
 *       watermark;
 *   <li>every bar satisfies low &le; open, close &le; high, volume &ge; 0, count &ge; 1, an aligned
 *       window of the configured size, and bars come out in strictly increasing window order;
 *   <li>the accepted trades give bit-identical bars in any other arrival order, both all at once
 *       and arriving out of order within a bounded delay under a trailing watermark (no trade
 *       late).
 * </ul>
 */
class MicroBarAggregatorFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("MicroBarAggregatorFuzzTest");
    private static final String SYMBOL = "NVDA";
    private static final int MAX_OPERATIONS = 300;
    private static final long[] BASES = {1_772_500_000_000L, 0L, -86_400_001L};
    private static final long[] WINDOWS = {1, 2, 3, 10, 1000, 60_000};
    private static final double[] PRICES = {
        Double.MIN_VALUE, 1e-300, 0.01, 1, 2, 100, 100.01, 1e300, Double.MAX_VALUE
    };
    private static final double[] SIZES = {
        0.0, -0.0, Double.MIN_VALUE, 1, 3, 1e300, Double.MAX_VALUE
    };
    private static final double[] INVALID_PRICES = {
        0.0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    private static final double[] INVALID_SIZES = {
        -Double.MIN_VALUE, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };

    private static final Map<Outcome, Long> OUTCOMES = new EnumMap<>(Outcome.class);
    private static long bars;

    @FuzzTest(maxDuration = "10s")
    void tradeSequencesGiveTheReferenceBarsInAnyArrivalOrder(FuzzedDataProvider data) {
        RUN.executed();
        long windowMs =
                data.consumeBoolean() ? data.pickValue(WINDOWS) : data.consumeLong(1, 5_000);
        long lateness =
                data.consumeBoolean()
                        ? data.pickValue(new long[] {0, 1, windowMs - 1, windowMs, 2_000})
                        : data.consumeLong(0, 10_000);
        long base = data.pickValue(BASES);
        long bound = data.consumeLong(0, 5_000);
        Sequence run = new Sequence(data, windowMs, lateness, base, bound);
        run.play();
        List<Bar> all = run.finish();
        List<Trade> accepted = run.accepted;

        // The same trades, all at once in a shuffled order, then closed together.
        List<Trade> shuffled = new ArrayList<>(accepted);
        Collections.shuffle(shuffled, new Random(data.consumeLong()));
        MicroBarAggregator atOnce = new MicroBarAggregator(SYMBOL, windowMs, lateness);
        for (Trade t : shuffled) {
            Outcome o = atOnce.add(t.ts(), t.seq(), t.price(), t.size(), Long.MIN_VALUE);
            check(o == Outcome.ACCEPTED, "reordered trade %s: %s, expected ACCEPTED", t, o);
        }
        List<Bar> fromShuffled = atOnce.advance(Long.MAX_VALUE);
        check(
                fromShuffled.equals(all),
                "bars differ under a permutation of arrival order:%n%s%nvs%n%s",
                fromShuffled,
                all);

        // The same trades, each delayed by at most `bound` ms, under a trailing watermark.
        check(
                delayedWithinBound(accepted, windowMs, lateness, bound, data.consumeLong())
                        .equals(all),
                "bars differ when the trades arrive within the out-of-orderness bound");
    }

    /**
     * Feeds the trades in order of event time plus a seeded delay in [0, bound], passing the
     * watermark a bounded-out-of-orderness generator would emit (max seen - bound - 1, which
     * promises no earlier event), and advancing it every few trades.
     */
    private static List<Bar> delayedWithinBound(
            List<Trade> trades, long windowMs, long lateness, long bound, long seed) {
        Random random = new Random(seed);
        List<long[]> arrival = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            long delay = bound == 0 ? 0 : random.nextLong(bound + 1);
            arrival.add(new long[] {trades.get(i).ts() + delay, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        MicroBarAggregator agg = new MicroBarAggregator(SYMBOL, windowMs, lateness);
        List<Bar> out = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        for (long[] a : arrival) {
            Trade t = trades.get((int) a[1]);
            maxSeen = Math.max(maxSeen, t.ts());
            long watermark = maxSeen - bound - 1;
            Outcome o = agg.add(t.ts(), t.seq(), t.price(), t.size(), watermark);
            check(o == Outcome.ACCEPTED, "trade %s within the bound was %s", t, o);
            if (random.nextInt(4) == 0) {
                agg.advance(watermark, out::add);
            }
        }
        agg.advance(Long.MAX_VALUE, out::add);
        return out;
    }

    /** One fuzzer-driven run against the aggregator and the reference side by side. */
    private static final class Sequence {
        final FuzzedDataProvider data;
        final long windowMs;
        final long base;
        final long bound;
        final MicroBarAggregator agg;
        final ReferenceBars reference;
        final List<Trade> history = new ArrayList<>();
        final List<Trade> accepted = new ArrayList<>();
        final List<Bar> emitted = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;

        Sequence(FuzzedDataProvider data, long windowMs, long lateness, long base, long bound) {
            this.data = data;
            this.windowMs = windowMs;
            this.base = base;
            this.bound = bound;
            this.agg = new MicroBarAggregator(SYMBOL, windowMs, lateness);
            this.reference = new ReferenceBars(SYMBOL, windowMs, lateness);
        }

        void play() {
            for (int i = 0; i < MAX_OPERATIONS && data.remainingBytes() > 0; i++) {
                int op = data.consumeInt(0, 9);
                if (op <= 5) {
                    add(
                            new Trade(
                                    timestamp(),
                                    data.consumeBoolean()
                                            ? data.consumeLong(0, 7)
                                            : data.consumeLong(),
                                    price(),
                                    size()));
                } else if (op == 6 && !history.isEmpty()) {
                    add(history.get(data.consumeInt(0, history.size() - 1)));
                } else if (op == 9) {
                    invalidTrade();
                } else {
                    advance(watermark());
                }
                checkState();
            }
        }

        /** Closes every window and returns all bars of the run. */
        List<Bar> finish() {
            advance(Long.MAX_VALUE);
            checkState();
            check(agg.openWindows() == 0, "windows left open after the final watermark");
            return emitted;
        }

        private void add(Trade t) {
            long watermark = watermark();
            Outcome expected = reference.add(t, watermark);
            Outcome actual = agg.add(t.ts(), t.seq(), t.price(), t.size(), watermark);
            check(
                    expected == actual,
                    "add %s at watermark %s: %s, reference says %s",
                    t,
                    watermark,
                    actual,
                    expected);
            synchronized (OUTCOMES) {
                OUTCOMES.merge(actual, 1L, Long::sum);
            }
            history.add(t);
            if (actual == Outcome.ACCEPTED) {
                accepted.add(t);
                maxSeen = Math.max(maxSeen, t.ts());
            }
        }

        private void invalidTrade() {
            double price = data.consumeBoolean() ? data.pickValue(INVALID_PRICES) : price();
            double size = price > 0 && Double.isFinite(price) ? data.pickValue(INVALID_SIZES) : 1;
            try {
                agg.add(timestamp(), 1, price, size, reference.watermark());
            } catch (IllegalArgumentException expected) {
                return;
            }
            throw new AssertionError(
                    "price " + price + ", size " + size + " was not refused as invalid");
        }

        private void advance(long watermark) {
            List<Bar> expected = reference.advance(watermark);
            List<Bar> actual = agg.advance(watermark);
            check(
                    expected.equals(actual),
                    "advance(%s): %s, reference says %s",
                    watermark,
                    actual,
                    expected);
            for (Bar b : actual) {
                checkBar(b);
                if (!emitted.isEmpty()) {
                    long previous = emitted.get(emitted.size() - 1).windowStartMs();
                    check(
                            b.windowStartMs() > previous,
                            "bar %s came after the window starting %s",
                            b,
                            previous);
                }
                emitted.add(b);
            }
            synchronized (OUTCOMES) {
                bars += actual.size();
            }
        }

        private void checkBar(Bar b) {
            check(
                    b.low() <= b.open()
                            && b.open() <= b.high()
                            && b.low() <= b.close()
                            && b.close() <= b.high()
                            && b.low() <= b.high(),
                    "bar %s: low <= open, close <= high does not hold",
                    b);
            check(b.volume() >= 0, "bar %s: volume < 0 or NaN", b);
            check(b.notional() >= 0, "bar %s: notional < 0 or NaN", b);
            check(b.count() >= 1, "bar %s: count < 1", b);
            check(Math.floorMod(b.windowStartMs(), windowMs) == 0, "bar %s: unaligned start", b);
            check(b.windowSizeMs() == windowMs, "bar %s: window size is not %s", b, windowMs);
            check(SYMBOL.equals(b.symbol()) && b.isFinal(), "bar %s: symbol or isFinal", b);
        }

        private void checkState() {
            check(agg.watermark() == reference.watermark(), "watermark %s", agg.watermark());
            check(
                    agg.openWindows() == reference.openWindows(),
                    "openWindows %s, reference %s",
                    agg.openWindows(),
                    reference.openWindows());
            check(
                    agg.bufferedTrades() == reference.bufferedTrades(),
                    "bufferedTrades %s, reference %s",
                    agg.bufferedTrades(),
                    reference.bufferedTrades());
            check(
                    agg.nextFireTimestamp() == reference.nextFireTimestamp(),
                    "nextFireTimestamp %s, reference %s",
                    agg.nextFireTimestamp(),
                    reference.nextFireTimestamp());
        }

        /** An event time on a window edge, inside a window, or just behind the watermark. */
        private long timestamp() {
            long w = reference.watermark();
            if (w != Long.MIN_VALUE && w != Long.MAX_VALUE && data.consumeInt(0, 3) == 0) {
                return w - data.consumeLong(-windowMs, 2 * windowMs + 2_000);
            }
            long window = data.consumeLong(-3, 60);
            long offset;
            switch (data.consumeInt(0, 3)) {
                case 0:
                    offset = 0;
                    break;
                case 1:
                    offset = windowMs - 1;
                    break;
                default:
                    offset = data.consumeLong(0, windowMs - 1);
            }
            return base + window * windowMs + offset;
        }

        /** The watermark for the next add or advance: trailing, jumping, or extreme. */
        private long watermark() {
            long w = reference.watermark();
            switch (data.consumeInt(0, 5)) {
                case 0:
                    return w; // unchanged
                case 1:
                    return Long.MIN_VALUE;
                case 2:
                    return maxSeen == Long.MIN_VALUE ? w : maxSeen - bound - 1;
                case 3:
                    return data.consumeInt(0, 31) == 31 ? Long.MAX_VALUE : w;
                default:
                    long from = w == Long.MIN_VALUE ? base : Math.min(w, Long.MAX_VALUE / 2);
                    return from + data.consumeLong(-2 * windowMs, 5 * windowMs);
            }
        }

        private double price() {
            switch (data.consumeInt(0, 2)) {
                case 0:
                    return data.pickValue(PRICES);
                case 1:
                    return data.consumeInt(1, 5); // few distinct prices: ties in the order
                default:
                    return data.consumeRegularDouble(Double.MIN_VALUE, Double.MAX_VALUE);
            }
        }

        private double size() {
            switch (data.consumeInt(0, 2)) {
                case 0:
                    return data.pickValue(SIZES);
                case 1:
                    return data.consumeInt(0, 5);
                default:
                    return data.consumeRegularDouble(0, Double.MAX_VALUE);
            }
        }
    }

    @AfterAll
    static void summary() {
        RUN.finish("outcomes=" + OUTCOMES + " bars=" + bars);
    }
}
