package io.torghut.ta.core.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.core.bars.Bar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link SignalEngine#writeState} and {@link SignalEngine#readState}: an engine restored
 * at any point continues bit for bit like one that never stopped, in both lanes, over gaps, session
 * changes, revisions and refused bars; the restored state writes the same bytes again; the 1 s lane
 * fits the 4 KB target; a corrupt or unknown state is refused with a clear message.
 */
class SignalEngineStateTest {
    /** 23:50 New York, so long series cross the session boundary at midnight. */
    private static final long T0 = Instant.parse("2026-03-03T04:50:00Z").toEpochMilli();

    /** How one series' volumes look. */
    enum Volumes {
        WHOLE,
        DECIMAL,
        ARBITRARY,
        MIXED
    }

    /**
     * Bars for a lane: mostly consecutive windows, with short gaps, gaps longer than the 5 min
     * window, bars older than the last (refused) and, in a revisable lane, revisions of the last
     * window; cent or unrounded prices; volumes of the given kind, zero now and then.
     */
    static List<Bar> bars(long seed, SignalEngineConfig lane, int n, Volumes kind) {
        SplittableRandom r = new SplittableRandom(seed);
        long size = lane.barSizeMs();
        List<Bar> out = new ArrayList<>();
        double p = 50 + r.nextDouble() * 200;
        long start = T0;
        for (int i = 0; i < n; i++) {
            int step = r.nextInt(40);
            long window;
            if (step == 0 && !out.isEmpty()) {
                window = start - size * (1 + r.nextInt(3));
            } else if (step < 5 && lane.revisable() && !out.isEmpty()) {
                window = start;
            } else {
                // A gap of more than the 5 min window empties the rolling rings.
                long longGap = size * Math.max(2, 401_000 / size);
                start += step < 8 ? size * (2 + r.nextInt(20)) : step < 9 ? longGap : size;
                window = start;
            }
            p *= Math.exp(r.nextGaussian() * 2e-4);
            double close = r.nextInt(4) == 0 ? p : Math.round(p * 100) / 100.0;
            double volume = volume(r, kind);
            double vwap = close * (1 + r.nextGaussian() * 1e-5);
            out.add(
                    new Bar(
                            "MSFT",
                            window,
                            window + size,
                            close,
                            close,
                            close,
                            close,
                            volume,
                            vwap * volume,
                            1 + r.nextInt(50),
                            r.nextBoolean()));
        }
        return out;
    }

    private static double volume(SplittableRandom r, Volumes kind) {
        if (r.nextInt(25) == 0) {
            return 0;
        }
        Volumes k = kind == Volumes.MIXED ? Volumes.values()[r.nextInt(3)] : kind;
        return switch (k) {
            case WHOLE -> 1 + r.nextInt(r.nextBoolean() ? 100 : 50_000);
            case DECIMAL -> {
                double v = 0;
                for (int t = 1 + r.nextInt(5); t > 0; t--) {
                    v += (1 + r.nextInt(5_000_000)) / 10_000.0;
                }
                yield v;
            }
            default -> r.nextDouble() * 1e4;
        };
    }

    private static Quote quote(SplittableRandom r, Bar bar) {
        return r.nextInt(3) == 0
                ? null
                : new Quote(
                        bar.windowEndMs() - 300, bar.close() - 0.01, 100, bar.close() + 0.01, 50);
    }

    @Test
    void anEngineRestoredAtAnyPointContinuesBitForBitInBothLanes() {
        int snapshots = 0;
        for (SignalEngineConfig lane :
                List.of(SignalEngineConfig.microBars(), SignalEngineConfig.minuteBars())) {
            for (Volumes kind : Volumes.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    List<Bar> series = bars(seed * 31 + kind.ordinal(), lane, 2_500, kind);
                    SplittableRandom r = new SplittableRandom(seed);
                    SignalEngine uninterrupted = new SignalEngine(lane);
                    SignalEngine restored = roundTrip(new SignalEngine(lane));
                    for (int i = 0; i < series.size(); i++) {
                        if (r.nextInt(12) == 0) {
                            restored = roundTrip(restored);
                            snapshots++;
                        }
                        Bar bar = series.get(i);
                        Quote q = quote(r, bar);
                        String where = lane.barSizeMs() + " ms lane, " + kind + " " + seed;
                        assertSameRow(
                                restored.onBar(bar, q), uninterrupted.onBar(bar, q), where, i);
                    }
                    assertThat(state(restored)).isEqualTo(state(uninterrupted));
                }
            }
        }
        assertThat(snapshots).isGreaterThan(2_000);
    }

    /**
     * The state-size target of the 1 s lane, on the benchmark's kind of data, both volume kinds.
     */
    @Test
    void aWarmSecondLaneFitsInFourKilobytesWithWholeOrDecimalVolumes() {
        for (boolean decimal : new boolean[] {false, true}) {
            SignalEngine engine = new SignalEngine(SignalEngineConfig.microBars());
            SplittableRandom r = new SplittableRandom(20_260_105L);
            double price = 100;
            long start = T0;
            for (int i = 0; i < 720; i++) {
                price *= 1 + (r.nextDouble() - 0.5) * 2e-4;
                double c = Math.round(price * 100) / 100.0;
                double v = 1 + r.nextInt(2_000) + (decimal ? r.nextInt(10_000) / 10_000.0 : 0);
                engine.onBar(
                        new Bar("AAPL", start, start + 1000, c, c, c, c, v, c * v, 17, true), null);
                start += 1000;
            }
            assertThat(state(engine).length).as("decimal volumes: %s", decimal).isLessThan(4_096);
        }
    }

    @Test
    void theConfigurationIsWrittenWithTheStateAndRestoredExactly() throws IOException {
        SignalEngineConfig custom =
                SignalEngineConfig.builder()
                        .barSizeMs(5_000)
                        .eventTimeAtWindowEnd(false)
                        .revisable(true)
                        .macd(5, 35, 5)
                        .rsiPeriod(7)
                        .bollinger(10, 2.5)
                        .vwapWindowMs(60_000)
                        .realizedVolWindowMs(30_000)
                        .quoteStaleAfterMs(0)
                        .sessionZone(ZoneId.of("Europe/London"))
                        .build();
        SignalEngine engine = new SignalEngine(custom);
        for (Bar bar : bars(4, custom, 300, Volumes.MIXED)) {
            engine.onBar(bar, null);
        }
        SignalEngine restored = read(state(engine));
        assertThat(restored.config()).isEqualTo(custom);
        assertThat(restored.lastWindowStartMs()).isEqualTo(engine.lastWindowStartMs());
        assertThat(read(state(new SignalEngine(custom))).lastWindowStartMs())
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        SignalEngineConfig lane = SignalEngineConfig.minuteBars();
        List<Bar> series = bars(9, lane, 400, Volumes.WHOLE);
        SignalEngine engine = new SignalEngine(lane);
        series.subList(0, 200).forEach(b -> engine.onBar(b, null));
        byte[] before = state(engine);
        SignalEngine copy = engine.copy();
        assertThat(state(copy)).isEqualTo(before);
        series.subList(200, 400).forEach(b -> copy.onBar(b, null));
        assertThat(state(engine)).isEqualTo(before);
    }

    @Test
    void anUnknownFormatVersionIsRefusedNamingWhatIsRead() {
        byte[] bytes = state(new SignalEngine(SignalEngineConfig.microBars()));
        bytes[0] = 7;
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "unknown signal engine state format version 7; this build reads version 1"
                                + " only");
    }

    @Test
    void aCorruptStateIsRefusedWithTheReason() {
        byte[] good = state(new SignalEngine(SignalEngineConfig.microBars()));
        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(EOFException.class);

        // Version, bar size 1000 (2 varint bytes), then unknown flag bits.
        byte[] flags = Arrays.copyOf(good, good.length);
        flags[3] = (byte) 0xF0;
        assertThatThrownBy(() -> read(flags))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt signal engine state: flags must use only bits 0xf");

        // emaFast 12 -> 30, above emaSlow 26: the builder's own message.
        byte[] config = Arrays.copyOf(good, good.length);
        assertThat(config[4]).isEqualTo((byte) 12);
        config[4] = 30;
        assertThatThrownBy(() -> read(config))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("invalid configuration: emaSlow must be > emaFast (30)");
    }

    /** Compares every component; doubles by their raw bits, so NaN and -0.0 are told apart. */
    private static void assertSameRow(SignalRow actual, SignalRow expected, String lane, int i) {
        if (expected == null) {
            assertThat(actual).as("%s bar %d refused", lane, i).isNull();
            return;
        }
        assertThat(actual).as("%s bar %d", lane, i).isNotNull();
        for (RecordComponent c : SignalRow.class.getRecordComponents()) {
            Object a = value(c, actual);
            Object e = value(c, expected);
            if (a instanceof Double x) {
                assertThat(Double.doubleToRawLongBits(x))
                        .as("%s bar %d %s", lane, i, c.getName())
                        .isEqualTo(Double.doubleToRawLongBits((Double) e));
            } else {
                assertThat(a).as("%s bar %d %s", lane, i, c.getName()).isEqualTo(e);
            }
        }
    }

    private static Object value(RecordComponent c, SignalRow row) {
        try {
            return c.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] state(SignalEngine engine) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            engine.writeState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SignalEngine read(byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        SignalEngine engine = SignalEngine.readState(new DataInputStream(in));
        assertThat(in.available()).as("bytes left after the state").isZero();
        return engine;
    }

    /** Writes, reads back, and checks that the restored engine writes the same bytes again. */
    private static SignalEngine roundTrip(SignalEngine engine) {
        byte[] bytes = state(engine);
        try {
            SignalEngine restored = read(bytes);
            assertThat(state(restored)).isEqualTo(bytes);
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
