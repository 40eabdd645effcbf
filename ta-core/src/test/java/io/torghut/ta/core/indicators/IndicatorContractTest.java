package io.torghut.ta.core.indicators;

import static io.torghut.ta.core.testing.Tolerance.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every indicator passes: bad parameters throw naming the parameter; readiness
 * flips exactly at the documented warm-up; reset reproduces the first run; constant input gives
 * constant output; the incremental value equals a naive recomputation over the window at every
 * step; feeding in chunks (with a copy, a serialization round trip or a compact-state round trip
 * between chunks) equals feeding at once; a compact-state round trip at any step continues bit for
 * bit and writes the same bytes again; non-finite input is rejected and leaves the state unchanged.
 */
class IndicatorContractTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** 23:58 New York on 2026-03-02, so the series crosses a session boundary. */
    private static final long BASE_MS = Instant.parse("2026-03-03T04:58:00Z").toEpochMilli();

    private static final long WINDOW_MS = 10_000;

    /** One input: an event time, a price, a volume and quote sizes. */
    record Step(long ts, double price, double volume, double bidSize, double askSize) {
        double notional() {
            return price * volume;
        }
    }

    /** How the contract drives one indicator. */
    record Subject(
            String name,
            Supplier<Indicator> create,
            Feeder feed,
            Function<List<Step>, double[]> naive,
            int warmup,
            List<Bad> badParameters,
            double[] constantOutput,
            Feeder feedNonFinite) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A call with one bad argument, and the argument's name its message must start with. */
    record Bad(String parameter, ThrowingCallable call) {}

    /** Feeds one step and returns the output vector (NaN entries when absent). */
    interface Feeder {
        double[] feed(Indicator indicator, Step step);
    }

    private static double[] one(double v) {
        return new double[] {v};
    }

    private static double[] closes(List<Step> steps) {
        return steps.stream().mapToDouble(Step::price).toArray();
    }

    static Stream<Subject> subjects() {
        return Stream.of(
                new Subject(
                        "SMA(5)",
                        () -> new Sma(5),
                        (i, s) -> one(((Sma) i).update(s.price())),
                        steps -> one(Naive.sma(closes(steps), 5)),
                        5,
                        List.of(
                                new Bad("period", () -> new Sma(0)),
                                new Bad("period", () -> new Sma(-3))),
                        one(100),
                        (i, s) -> one(((Sma) i).update(Double.NaN))),
                new Subject(
                        "EMA(12)",
                        () -> new Ema(12),
                        (i, s) -> one(((Ema) i).update(s.price())),
                        steps -> one(Naive.ema(closes(steps), 12)),
                        12,
                        List.of(new Bad("period", () -> new Ema(0))),
                        one(100),
                        (i, s) -> one(((Ema) i).update(Double.POSITIVE_INFINITY))),
                new Subject(
                        "STDDEV(20)",
                        () -> new StdDev(20),
                        (i, s) -> one(((StdDev) i).update(s.price())),
                        steps -> one(Naive.stdDev(closes(steps), 20)),
                        20,
                        List.of(new Bad("period", () -> new StdDev(0))),
                        one(0),
                        (i, s) -> one(((StdDev) i).update(Double.NaN))),
                new Subject(
                        "BBANDS(20,2)",
                        () -> new Bollinger(20, 2),
                        (i, s) -> bands(((Bollinger) i).update(s.price())),
                        steps -> Naive.bollinger(closes(steps), 20, 2),
                        20,
                        List.of(
                                new Bad("period", () -> new Bollinger(1, 2)),
                                new Bad("deviations", () -> new Bollinger(20, 0)),
                                new Bad("deviations", () -> new Bollinger(20, Double.NaN))),
                        new double[] {100, 100, 100},
                        (i, s) -> bands(((Bollinger) i).update(Double.NEGATIVE_INFINITY))),
                new Subject(
                        "MACD(12,26,9)",
                        () -> new Macd(12, 26, 9),
                        (i, s) -> macd(((Macd) i).update(s.price())),
                        steps -> Naive.macd(closes(steps), 12, 26, 9),
                        34,
                        List.of(
                                new Bad("fastPeriod", () -> new Macd(0, 26, 9)),
                                new Bad("slowPeriod", () -> new Macd(12, 12, 9)),
                                new Bad("signalPeriod", () -> new Macd(12, 26, 0))),
                        new double[] {0, 0, 0},
                        (i, s) -> macd(((Macd) i).update(Double.NaN))),
                new Subject(
                        "RSI(14)",
                        () -> new Rsi(14),
                        (i, s) -> one(((Rsi) i).update(s.price())),
                        steps -> one(Naive.rsi(closes(steps), 14)),
                        15,
                        List.of(new Bad("period", () -> new Rsi(0))),
                        one(Rsi.FLAT_VALUE),
                        (i, s) -> one(((Rsi) i).update(Double.NaN))),
                new Subject(
                        "SESSION_VWAP",
                        () -> new SessionVwap(NEW_YORK),
                        (i, s) -> one(((SessionVwap) i).update(s.ts(), s.notional(), s.volume())),
                        Naive::sessionVwap,
                        1,
                        List.of(new Bad("zone", () -> new SessionVwap(null))),
                        one(100),
                        (i, s) -> one(((SessionVwap) i).update(s.ts(), Double.NaN, 1))),
                new Subject(
                        "VWAP(10s)",
                        () -> new RollingVwap(WINDOW_MS, 1000),
                        (i, s) -> one(((RollingVwap) i).update(s.ts(), s.notional(), s.volume())),
                        Naive::rollingVwap,
                        10,
                        List.of(
                                new Bad("windowMs", () -> new RollingVwap(0, 1000)),
                                new Bad("granularityMs", () -> new RollingVwap(10_000, 0)),
                                new Bad("windowMs", () -> new RollingVwap(10_500, 1000))),
                        one(100),
                        (i, s) -> one(((RollingVwap) i).update(s.ts(), 1, Double.NaN))),
                new Subject(
                        "RVOL(10s)",
                        () -> new RealizedVolatility(WINDOW_MS, 1000),
                        (i, s) -> one(((RealizedVolatility) i).update(s.ts(), s.price())),
                        Naive::realizedVol,
                        11,
                        List.of(
                                new Bad("windowMs", () -> new RealizedVolatility(-1, 1000)),
                                new Bad("windowMs", () -> new RealizedVolatility(10_000, 3000))),
                        one(0),
                        (i, s) -> one(((RealizedVolatility) i).update(s.ts(), Double.NaN))),
                new Subject(
                        "QUOTE_IMBALANCE",
                        QuoteImbalance::new,
                        (i, s) -> {
                            QuoteImbalance q = (QuoteImbalance) i;
                            q.update(s.price() - 0.01, s.bidSize(), s.price() + 0.01, s.askSize());
                            return new double[] {q.spread(), q.mid(), q.ratio()};
                        },
                        Naive::quoteImbalance,
                        1,
                        // No constructor parameters: its arguments are the quote's, each with its
                        // own domain.
                        List.of(
                                new Bad("bidPrice", () -> new QuoteImbalance().update(0, 1, 1, 1)),
                                new Bad("bidSize", () -> new QuoteImbalance().update(1, -1, 1, 1)),
                                new Bad("askPrice", () -> new QuoteImbalance().update(1, 1, -2, 1)),
                                new Bad("askSize", () -> new QuoteImbalance().update(1, 1, 1, -1))),
                        new double[] {0.02, 100, 0},
                        (i, s) -> {
                            ((QuoteImbalance) i).update(Double.NaN, 1, 100, 1);
                            return null;
                        }));
    }

    private static double[] bands(Bollinger.Bands b) {
        return b == null
                ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {b.middle(), b.upper(), b.lower()};
    }

    private static double[] macd(Macd.Value v) {
        return v == null
                ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {v.line(), v.signal(), v.histogram()};
    }

    /** A regular 1 s series of seeded random-walk steps. */
    static List<Step> regularSteps(long seed, int n) {
        Random r = new Random(seed);
        List<Step> out = new ArrayList<>();
        double p = 100;
        for (int i = 0; i < n; i++) {
            p *= Math.exp(r.nextGaussian() * 0.002);
            out.add(
                    new Step(
                            BASE_MS + 1000L * (i + 1),
                            p,
                            1 + r.nextInt(100),
                            r.nextInt(50),
                            r.nextInt(50)));
        }
        return out;
    }

    /** Like {@link #regularSteps} but with seeded gaps of 1 to 15 s between some steps. */
    static List<Step> gappedSteps(long seed, int n) {
        Random r = new Random(seed);
        List<Step> out = new ArrayList<>();
        double p = 100;
        long ts = BASE_MS;
        for (int i = 0; i < n; i++) {
            ts += 1000L * (r.nextInt(10) == 0 ? 1 + r.nextInt(15) : 1);
            p *= Math.exp(r.nextGaussian() * 0.002);
            out.add(
                    new Step(
                            ts,
                            p,
                            r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(100),
                            r.nextInt(50),
                            r.nextInt(50)));
        }
        return out;
    }

    /**
     * Steps that exercise every branch of the compact state: timestamps that repeat or move by a
     * fraction of a second (several observations in one bucket) or jump past the window; volumes
     * that are whole, zero, sums of 4-decimal sizes or arbitrary doubles; prices on cents or not.
     */
    static List<Step> irregularSteps(long seed, int n) {
        Random r = new Random(seed);
        List<Step> out = new ArrayList<>();
        double p = 100;
        long ts = BASE_MS;
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            if (kind < 12) {
                ts += 1000;
            } else if (kind < 16) {
                ts += r.nextInt(1000);
            } else if (kind < 19) {
                ts += 1000L * (2 + r.nextInt(6));
            } else {
                ts += WINDOW_MS * (1 + r.nextInt(3)) + r.nextInt(1000);
            }
            p *= Math.exp(r.nextGaussian() * 0.002);
            double price = r.nextBoolean() ? Math.round(p * 100) / 100.0 : p;
            double volume =
                    switch (r.nextInt(5)) {
                        case 0 -> 1 + r.nextInt(5000);
                        case 1 -> 0;
                        case 2 -> {
                            double v = 0;
                            for (int t = 1 + r.nextInt(4); t > 0; t--) {
                                v += (1 + r.nextInt(100_000)) / 10_000.0;
                            }
                            yield v;
                        }
                        case 3 -> r.nextDouble() * 300;
                        default -> 1 + r.nextInt(100);
                    };
            out.add(new Step(ts, price, volume, r.nextInt(50), r.nextInt(50)));
        }
        return out;
    }

    private static List<double[]> run(Subject s, Indicator indicator, List<Step> steps) {
        List<double[]> out = new ArrayList<>();
        for (Step step : steps) {
            out.add(s.feed().feed(indicator, step));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void badParametersThrowNamingTheParameter(Subject s) {
        assertThat(s.badParameters()).as("bad arguments of " + s).isNotEmpty();
        for (Bad bad : s.badParameters()) {
            assertThatThrownBy(bad.call())
                    .as("%s with a bad %s", s, bad.parameter())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(bad.parameter() + " must ")
                    .hasMessageContaining("got");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void readinessFlipsExactlyAtWarmup(Subject s) {
        Indicator indicator = s.create().get();
        List<Step> steps = regularSteps(11, s.warmup() + 20);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(indicator.isReady())
                    .as("%s ready before input %d", s, i + 1)
                    .isEqualTo(i >= s.warmup());
            double[] out = s.feed().feed(indicator, steps.get(i));
            boolean ready = i + 1 >= s.warmup();
            assertThat(indicator.isReady())
                    .as("%s ready after input %d", s, i + 1)
                    .isEqualTo(ready);
            assertThat(Double.isNaN(out[0]))
                    .as("%s value absent after input %d", s, i + 1)
                    .isEqualTo(!ready);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void resetReproducesTheFirstRun(Subject s) {
        Indicator indicator = s.create().get();
        List<Step> steps = gappedSteps(5, 400);
        List<double[]> first = run(s, indicator, steps);
        indicator.reset();
        assertThat(indicator.isReady()).isEqualTo(false);
        List<double[]> second = run(s, indicator, steps);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(second.get(i)).as("%s after reset @%d", s, i).containsExactly(first.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void constantInputGivesConstantOutput(Subject s) {
        Indicator indicator = s.create().get();
        for (int i = 0; i < s.warmup() + 200; i++) {
            double[] out =
                    s.feed().feed(indicator, new Step(BASE_MS + 1000L * (i + 1), 100, 10, 5, 5));
            if (i + 1 >= s.warmup()) {
                for (int k = 0; k < out.length; k++) {
                    assertClose(
                            out[k], s.constantOutput()[k], s + " constant @" + i + "[" + k + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void incrementalEqualsNaiveRecomputationAtEveryStep(Subject s) {
        for (long seed = 1; seed <= 5; seed++) {
            List<Step> steps = gappedSteps(seed, 300);
            Indicator indicator = s.create().get();
            for (int i = 0; i < steps.size(); i++) {
                double[] actual = s.feed().feed(indicator, steps.get(i));
                double[] expected = s.naive().apply(steps.subList(0, i + 1));
                for (int k = 0; k < actual.length; k++) {
                    assertClose(
                            actual[k], expected[k], s + " seed " + seed + " @" + i + "[" + k + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void chunkedFeedingEqualsFeedingAtOnce(Subject s) {
        List<Step> steps = gappedSteps(9, 500);
        List<double[]> whole = run(s, s.create().get(), steps);
        Random cuts = new Random(3);
        Indicator indicator = s.create().get();
        int i = 0;
        int chunk = 0;
        while (i < steps.size()) {
            int end = Math.min(steps.size(), i + 1 + cuts.nextInt(60));
            for (; i < end; i++) {
                assertThat(s.feed().feed(indicator, steps.get(i)))
                        .as("%s chunk %d @%d", s, chunk, i)
                        .containsExactly(whole.get(i));
            }
            // Between chunks the state moves: in turn a deep copy, a serialization round trip and
            // a compact-state round trip, as when Flink snapshots and restores keyed state.
            indicator =
                    switch (chunk++ % 3) {
                        case 0 -> indicator.copy();
                        case 1 -> roundTrip(indicator);
                        default -> stateRoundTrip(s, indicator);
                    };
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void nonFiniteInputIsRejectedAndLeavesStateUnchanged(Subject s) {
        List<Step> steps = gappedSteps(4, 120);
        List<double[]> clean = run(s, s.create().get(), steps);
        Indicator indicator = s.create().get();
        for (int i = 0; i < steps.size(); i++) {
            if (i % 17 == 5) {
                Indicator target = indicator;
                Step step = steps.get(i);
                assertThatThrownBy(() -> s.feedNonFinite().feed(target, step))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("finite");
            }
            assertThat(s.feed().feed(indicator, steps.get(i))).containsExactly(clean.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void aCompactStateRoundTripAtAnyStepContinuesBitForBit(Subject s) {
        for (long seed = 1; seed <= 4; seed++) {
            List<Step> steps = irregularSteps(seed, 800);
            Indicator uninterrupted = s.create().get();
            Indicator restored = stateRoundTrip(s, s.create().get());
            Random cuts = new Random(seed);
            for (int i = 0; i < steps.size(); i++) {
                if (cuts.nextInt(7) == 0) {
                    restored = stateRoundTrip(s, restored);
                }
                double[] expected = s.feed().feed(uninterrupted, steps.get(i));
                double[] actual = s.feed().feed(restored, steps.get(i));
                assertThat(rawBits(actual))
                        .as("%s seed %d @%d", s, seed, i)
                        .containsExactly(rawBits(expected));
                assertThat(restored.isReady()).isEqualTo(uninterrupted.isReady());
            }
            assertThat(state(restored)).as("%s final state", s).isEqualTo(state(uninterrupted));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void aTruncatedCompactStateIsRefused(Subject s) {
        Indicator indicator = s.create().get();
        run(s, indicator, irregularSteps(8, 100));
        byte[] bytes = state(indicator);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> restore(s.create().get(), cut)).isInstanceOf(EOFException.class);
    }

    private static long[] rawBits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static byte[] state(Indicator indicator) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            IndicatorState.write(indicator, new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restore(Indicator into, byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        IndicatorState.readInto(into, new DataInputStream(in));
        assertThat(in.available()).as("bytes left after reading %s", into).isZero();
    }

    /**
     * Writes the compact state, restores it into a fresh indicator and checks that the restored one
     * writes the same bytes again.
     */
    private static Indicator stateRoundTrip(Subject s, Indicator indicator) {
        byte[] bytes = state(indicator);
        Indicator restored = s.create().get();
        try {
            restore(restored, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(state(restored)).as("%s rewritten", s).isEqualTo(bytes);
        return restored;
    }

    private static Indicator roundTrip(Indicator indicator) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(indicator);
            }
            try (ObjectInputStream in =
                    new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (Indicator) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Brute-force definitions, recomputed from the whole prefix at every step. */
    static final class Naive {
        private Naive() {}

        static double sma(double[] x, int n) {
            if (x.length < n) {
                return Double.NaN;
            }
            double s = 0;
            for (int i = x.length - n; i < x.length; i++) {
                s += x[i];
            }
            return s / n;
        }

        static double[] emaSeries(double[] x, int n) {
            double[] out = new double[x.length];
            Arrays.fill(out, Double.NaN);
            if (x.length < n) {
                return out;
            }
            double seed = 0;
            for (int i = 0; i < n; i++) {
                seed += x[i];
            }
            double e = seed / n;
            out[n - 1] = e;
            double k = 2.0 / (n + 1);
            for (int i = n; i < x.length; i++) {
                e = e + k * (x[i] - e);
                out[i] = e;
            }
            return out;
        }

        static double ema(double[] x, int n) {
            double[] s = emaSeries(x, n);
            return s.length == 0 ? Double.NaN : s[s.length - 1];
        }

        static double stdDev(double[] x, int n) {
            if (x.length < n) {
                return Double.NaN;
            }
            double mean = sma(x, n);
            double acc = 0;
            for (int i = x.length - n; i < x.length; i++) {
                acc += (x[i] - mean) * (x[i] - mean);
            }
            return Math.sqrt(acc / n);
        }

        static double[] bollinger(double[] x, int n, double k) {
            double mid = sma(x, n);
            double sd = stdDev(x, n);
            return new double[] {mid, mid + k * sd, mid - k * sd};
        }

        static double[] macd(double[] x, int fast, int slow, int signal) {
            double[] f = emaSeries(x, fast);
            double[] s = emaSeries(x, slow);
            if (x.length < slow + signal - 1) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            double[] line = new double[x.length - slow + 1];
            for (int i = slow - 1; i < x.length; i++) {
                line[i - slow + 1] = f[i] - s[i];
            }
            double sig = ema(line, signal);
            double last = line[line.length - 1];
            return new double[] {last, sig, last - sig};
        }

        static double rsi(double[] x, int n) {
            if (x.length < n + 1) {
                return Double.NaN;
            }
            double gain = 0;
            double loss = 0;
            for (int i = 1; i <= n; i++) {
                double d = x[i] - x[i - 1];
                gain += Math.max(d, 0);
                loss += Math.max(-d, 0);
            }
            gain /= n;
            loss /= n;
            for (int i = n + 1; i < x.length; i++) {
                double d = x[i] - x[i - 1];
                gain = (gain * (n - 1) + Math.max(d, 0)) / n;
                loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
            }
            return gain + loss == 0 ? Rsi.FLAT_VALUE : 100 * gain / (gain + loss);
        }

        static double[] sessionVwap(List<Step> steps) {
            LocalDate day =
                    Instant.ofEpochMilli(steps.get(steps.size() - 1).ts())
                            .atZone(NEW_YORK)
                            .toLocalDate();
            double n = 0;
            double v = 0;
            for (Step s : steps) {
                if (Instant.ofEpochMilli(s.ts()).atZone(NEW_YORK).toLocalDate().equals(day)) {
                    n += s.notional();
                    v += s.volume();
                }
            }
            return one(v > 0 ? n / v : Double.NaN);
        }

        static double[] rollingVwap(List<Step> steps) {
            long t = steps.get(steps.size() - 1).ts();
            boolean covered = (t - steps.get(0).ts()) / 1000 + 1 >= WINDOW_MS / 1000;
            double n = 0;
            double v = 0;
            for (Step s : steps) {
                if (s.ts() > t - WINDOW_MS) {
                    n += s.notional();
                    v += s.volume();
                }
            }
            return one(covered && v > 0 ? n / v : Double.NaN);
        }

        static double[] realizedVol(List<Step> steps) {
            if (steps.size() < 2) {
                return one(Double.NaN);
            }
            long t = steps.get(steps.size() - 1).ts();
            boolean covered = (t - steps.get(1).ts()) / 1000 + 1 >= WINDOW_MS / 1000;
            List<Double> returns = new ArrayList<>();
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i).ts() > t - WINDOW_MS) {
                    returns.add(Math.log(steps.get(i).price() / steps.get(i - 1).price()));
                }
            }
            if (!covered || returns.size() < 2) {
                return one(Double.NaN);
            }
            double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double acc = 0;
            for (double r : returns) {
                acc += (r - mean) * (r - mean);
            }
            return one(Math.sqrt(acc / returns.size()));
        }

        static double[] quoteImbalance(List<Step> steps) {
            Step s = steps.get(steps.size() - 1);
            double bid = s.price() - 0.01;
            double ask = s.price() + 0.01;
            double total = s.bidSize() + s.askSize();
            return new double[] {
                ask - bid,
                (bid + ask) / 2,
                total > 0 ? (s.bidSize() - s.askSize()) / total : Double.NaN
            };
        }
    }
}
