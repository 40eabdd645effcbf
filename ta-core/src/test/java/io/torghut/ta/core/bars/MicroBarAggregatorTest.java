package io.torghut.ta.core.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.core.bars.ReferenceBars.Trade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link MicroBarAggregator}. */
class MicroBarAggregatorTest {
    private static final long BOUND_MS = 2_000;
    private static final long T0 = 1_772_500_000_000L;

    /** Seeded trades over ~2 min with idle seconds, equal timestamps and colliding seqs. */
    static List<Trade> tape(long seed) {
        Random r = new Random(seed);
        List<Trade> out = new ArrayList<>();
        long ts = T0;
        double p = 100;
        for (int i = 0; i < 3000; i++) {
            ts += r.nextInt(10) == 0 ? r.nextInt(4000) : r.nextInt(40);
            p = Math.max(0.01, p + r.nextGaussian() * 0.05);
            long seq = r.nextInt(20) == 0 ? i - 1 : i;
            out.add(new Trade(ts, seq, Math.round(p * 100) / 100.0, 1 + r.nextInt(300)));
        }
        return out;
    }

    /** Arrival order: each trade delayed by a seeded amount within the bound, then sorted. */
    static List<Trade> shuffledWithinBound(List<Trade> sorted, long seed) {
        Random r = new Random(seed);
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            keyed.add(new long[] {sorted.get(i).ts() + r.nextInt((int) BOUND_MS), i});
        }
        keyed.sort(Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
        List<Trade> out = new ArrayList<>();
        for (long[] k : keyed) {
            out.add(sorted.get((int) k[1]));
        }
        return out;
    }

    /**
     * Runs trades through the aggregator the way the job does: a bounded-out-of-orderness watermark
     * (max seen - bound - 1) advanced after every trade, and a final watermark at the end.
     */
    static List<Bar> aggregate(List<Trade> arrival, List<Trade> late) {
        MicroBarAggregator agg = new MicroBarAggregator("AAPL", 1000, 0);
        List<Bar> bars = new ArrayList<>();
        long maxTs = Long.MIN_VALUE;
        for (Trade t : arrival) {
            long wm = maxTs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTs - BOUND_MS - 1;
            MicroBarAggregator.Outcome o = agg.add(t.ts(), t.seq(), t.price(), t.size(), wm);
            if (o == MicroBarAggregator.Outcome.LATE) {
                late.add(t);
            }
            maxTs = Math.max(maxTs, t.ts());
            agg.advance(maxTs - BOUND_MS - 1, bars::add);
        }
        agg.advance(Long.MAX_VALUE, bars::add);
        return bars;
    }

    /** The reference model's bars of on-time trades. */
    static List<Bar> bruteForce(List<Trade> trades) {
        return ReferenceBars.of("AAPL", 1000, trades);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shuffledArrivalWithinTheBoundGivesExactlyTheSortedBars(long seed) {
        List<Trade> sorted = tape(seed);
        List<Trade> lateSorted = new ArrayList<>();
        List<Bar> fromSorted = aggregate(sorted, lateSorted);
        List<Trade> lateShuffled = new ArrayList<>();
        List<Bar> fromShuffled = aggregate(shuffledWithinBound(sorted, seed * 31), lateShuffled);
        assertThat(lateSorted).isEmpty();
        assertThat(lateShuffled).isEmpty();
        assertThat(fromShuffled).containsExactlyElementsOf(fromSorted);
        assertThat(fromSorted).containsExactlyElementsOf(bruteForce(sorted));
    }

    @Test
    void barsComeOutInWindowOrderAndIdleSecondsProduceNoBar() {
        List<Trade> sorted = tape(42);
        List<Bar> bars = aggregate(shuffledWithinBound(sorted, 9), new ArrayList<>());
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).windowStartMs()).isGreaterThan(bars.get(i - 1).windowStartMs());
        }
        long secondsSpanned = (sorted.get(sorted.size() - 1).ts() - sorted.get(0).ts()) / 1000 + 1;
        assertThat((long) bars.size()).isLessThan(secondsSpanned);
        for (Bar b : bars) {
            assertThat(b.count()).isGreaterThanOrEqualTo(1);
            assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
            assertThat(b.high()).isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
        }
    }

    @Test
    void lateTradesAreReportedAndNeverMerged() {
        List<Trade> sorted = tape(7);
        List<Trade> arrival = new ArrayList<>(sorted);
        // Re-deliver a sample of trades far beyond the bound, with a changed price so a merge
        // would show in the bars.
        Random r = new Random(1);
        List<Trade> injected = new ArrayList<>();
        for (int i = 100; i < sorted.size(); i += 97) {
            Trade t = sorted.get(i - 100 + r.nextInt(20));
            Trade late = new Trade(t.ts(), t.seq() + 1_000_000, t.price() * 3, 7);
            injected.add(late);
            arrival.add(i, late);
        }
        List<Trade> reportedLate = new ArrayList<>();
        List<Bar> bars = aggregate(arrival, reportedLate);
        assertThat(reportedLate).containsExactlyInAnyOrderElementsOf(injected);
        assertThat(bars).containsExactlyElementsOf(bruteForce(sorted));
    }

    @Test
    void exactDuplicatesCountOnce() {
        MicroBarAggregator agg = new MicroBarAggregator("MSFT", 1000, 0);
        assertThat(agg.add(T0 + 5, 1, 10, 2, Long.MIN_VALUE))
                .isEqualTo(MicroBarAggregator.Outcome.ACCEPTED);
        assertThat(agg.add(T0 + 5, 1, 10, 2, Long.MIN_VALUE))
                .isEqualTo(MicroBarAggregator.Outcome.DUPLICATE);
        assertThat(agg.add(T0 + 5, 2, 10, 2, Long.MIN_VALUE))
                .isEqualTo(MicroBarAggregator.Outcome.ACCEPTED);
        List<Bar> bars = agg.advance(Long.MAX_VALUE);
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).count()).isEqualTo(2);
        assertThat(bars.get(0).volume()).isEqualTo(4);
    }

    @Test
    void equalEventTimesAreOrderedBySeqForOpenAndClose() {
        MicroBarAggregator agg = new MicroBarAggregator("MSFT", 1000, 0);
        agg.add(T0 + 500, 9, 30, 1, Long.MIN_VALUE);
        agg.add(T0 + 500, 3, 10, 1, Long.MIN_VALUE);
        agg.add(T0 + 500, 5, 20, 1, Long.MIN_VALUE);
        Bar bar = agg.advance(Long.MAX_VALUE).get(0);
        assertThat(bar.open()).isEqualTo(10);
        assertThat(bar.close()).isEqualTo(30);
        assertThat(bar.vwap()).isEqualTo(20);
    }

    @Test
    void windowClosesWhenTheWatermarkReachesItsLastMillisecondPlusLateness() {
        MicroBarAggregator agg = new MicroBarAggregator("MSFT", 1000, 250);
        long start = Math.floorDiv(T0, 1000L) * 1000;
        agg.add(start + 10, 1, 10, 1, Long.MIN_VALUE);
        assertThat(agg.nextFireTimestamp()).isEqualTo(start + 999 + 250);
        assertThat(agg.advance(start + 999 + 249)).isEmpty();
        assertThat(agg.add(start + 20, 2, 11, 1, start + 999 + 249))
                .isEqualTo(MicroBarAggregator.Outcome.ACCEPTED);
        assertThat(agg.advance(start + 999 + 250)).hasSize(1);
        assertThat(agg.add(start + 30, 3, 12, 1, start + 999 + 250))
                .isEqualTo(MicroBarAggregator.Outcome.LATE);
        assertThat(agg.openWindows()).isZero();
        assertThat(agg.nextFireTimestamp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalidTradesAndParametersAreRejectedWithClearMessages() {
        MicroBarAggregator agg = new MicroBarAggregator("X", 1000, 0);
        assertThatThrownBy(() -> agg.add(T0, 1, Double.NaN, 1, Long.MIN_VALUE))
                .hasMessageContaining("price must be a finite number > 0, got NaN");
        assertThatThrownBy(() -> agg.add(T0, 1, 0, 1, Long.MIN_VALUE))
                .hasMessageContaining("price");
        assertThatThrownBy(() -> agg.add(T0, 1, 10, -1, Long.MIN_VALUE))
                .hasMessageContaining("size must be a finite number >= 0, got -1.0");
        assertThat(agg.openWindows()).isZero();
        assertThatThrownBy(() -> new MicroBarAggregator("", 1000, 0))
                .hasMessageContaining("symbol");
        assertThatThrownBy(() -> new MicroBarAggregator("X", 0, 0))
                .hasMessageContaining("windowMs");
        assertThatThrownBy(() -> new MicroBarAggregator("X", 1000, -1))
                .hasMessageContaining("allowedLatenessMs");
    }

    @Test
    void reverseArrivalInsideOneWindowStillGivesTheCanonicalBar() {
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            trades.add(new Trade(T0 - T0 % 1000 + i * 10, i, 100 + i * 0.01, 1 + i));
        }
        List<Trade> reversed = new ArrayList<>(trades);
        Collections.reverse(reversed);
        MicroBarAggregator agg = new MicroBarAggregator("AAPL", 1000, 0);
        for (Trade t : reversed) {
            agg.add(t.ts(), t.seq(), t.price(), t.size(), Long.MIN_VALUE);
        }
        assertThat(agg.advance(Long.MAX_VALUE)).containsExactlyElementsOf(bruteForce(trades));
    }

    @Test
    void serializationRoundTripsBetweenTradesGiveTheSameBars() throws Exception {
        List<Trade> arrival = shuffledWithinBound(tape(11), 5);
        List<Bar> whole = aggregate(arrival, new ArrayList<>());
        MicroBarAggregator agg = new MicroBarAggregator("AAPL", 1000, 0);
        List<Bar> bars = new ArrayList<>();
        long maxTs = Long.MIN_VALUE;
        for (int i = 0; i < arrival.size(); i++) {
            Trade t = arrival.get(i);
            long wm = maxTs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTs - BOUND_MS - 1;
            agg.add(t.ts(), t.seq(), t.price(), t.size(), wm);
            maxTs = Math.max(maxTs, t.ts());
            agg.advance(maxTs - BOUND_MS - 1, bars::add);
            if (i % 97 == 0) {
                // As a state backend does: the cached windows must not survive a copy.
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (var out = new java.io.ObjectOutputStream(bytes)) {
                    out.writeObject(agg);
                }
                try (var in =
                        new java.io.ObjectInputStream(
                                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                    agg = (MicroBarAggregator) in.readObject();
                }
            }
        }
        agg.advance(Long.MAX_VALUE, bars::add);
        assertThat(bars).containsExactlyElementsOf(whole);
    }
}
