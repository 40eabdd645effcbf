package io.torghut.ta.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Bytes of keyed state per symbol: each signal lane's {@link SignalEngine} and the {@link
 * MicroBarAggregator}, after warm-up, serialized up to four ways.
 *
 * <ul>
 *   <li><b>Compact</b> (engines only): {@link SignalEngine#writeState}, byte for byte what the job
 *       keeps in Flink state through its {@code SignalEngineSerializer}, which adds nothing to it.
 *       Its size depends on the data, so each lane is measured with whole-share volumes and with
 *       decimal ones (4 decimals, as fractional-share trades sum to).
 *   <li><b>Java</b>: {@link ObjectOutputStream}, what the classes are declared for ({@code
 *       Serializable}); includes class descriptors, so it is an upper bound.
 *   <li><b>Kryo</b>: Kryo 5 with its default field serializer and unregistered classes, which is
 *       what Flink 2.2 falls back to for a generic type: the aggregator's state, and the engine's
 *       before the job had its own serializer.
 *   <li><b>Payload</b>: the bytes of the primitive fields and array elements alone (a reflective
 *       walk of the object graph), the floor of any field-by-field layout; it is broken down by
 *       field path, so the fields that dominate can be named.
 * </ul>
 */
public final class StateSizes {
    private StateSizes() {}

    /**
     * One measured state.
     *
     * @param name what was measured
     * @param compactBytes the job's compact form, or -1 where the job keeps Kryo's
     * @param javaBytes Java serialization bytes
     * @param kryoBytes Kryo 5 bytes
     * @param payloadBytes primitive payload bytes
     * @param byField payload bytes by field path, largest first
     */
    public record Size(
            String name,
            int compactBytes,
            int javaBytes,
            int kryoBytes,
            long payloadBytes,
            Map<String, Long> byField) {}

    /** Measures every lane (whole and decimal volumes) and the aggregator. */
    public static List<Size> measureAll() {
        List<Size> sizes = new ArrayList<>();
        for (SignalEngineConfig lane :
                List.of(SignalEngineConfig.microBars(), SignalEngineConfig.minuteBars())) {
            String name = "signal engine, " + (lane.revisable() ? "1 min" : "1 s") + " lane";
            sizes.add(measureEngine(name, warmEngine(lane, false)));
            sizes.add(measureEngine(name + ", decimal volumes", warmEngine(lane, true)));
        }
        for (int trades : new int[] {0, 10, 100, 1000}) {
            sizes.add(
                    measure(
                            "micro-bar aggregator, " + trades + " trades buffered",
                            aggregatorWith(trades),
                            -1));
        }
        return sizes;
    }

    /** An engine fed enough bars that every window is full and every indicator ready. */
    static SignalEngine warmEngine(SignalEngineConfig config) {
        return warmEngine(config, false);
    }

    /**
     * An engine fed enough bars that every window is full and every indicator ready; with {@code
     * decimal}, each bar's volume has a seeded fraction in 1/10,000 shares added (a double sum, as
     * the aggregator adds fractional trade sizes).
     */
    static SignalEngine warmEngine(SignalEngineConfig config, boolean decimal) {
        SignalEngine engine = new SignalEngine(config);
        MarketData data = new MarketData();
        SplittableRandom fractions = new SplittableRandom(4);
        long bar = config.barSizeMs();
        long start = MarketData.START_MS;
        for (int i = 0; i < 2 * MarketData.WINDOW; i++) {
            double c = data.close(i);
            double v = data.volume(i);
            if (decimal) {
                v += (1 + fractions.nextInt(9_999)) / 10_000.0;
            }
            engine.onBar(
                    new Bar("AAPL", start, start + bar, c, c, c, c, v, c * v, 17, true),
                    new Quote(start + 500, c - 0.01, 300, c + 0.01, 200));
            start += bar;
        }
        return engine;
    }

    static Size measureEngine(String name, SignalEngine engine) {
        return measure(name, engine, compactBytes(engine));
    }

    /** Bytes of the job's compact form ({@link SignalEngine#writeState}). */
    static int compactBytes(SignalEngine engine) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            engine.writeState(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** An aggregator holding one open window with {@code trades} trades. */
    static MicroBarAggregator aggregatorWith(int trades) {
        MicroBarAggregator aggregator = new MicroBarAggregator("AAPL", 1_000, 0);
        MarketData data = new MarketData();
        long start = MarketData.START_MS;
        aggregator.add(start - 500, 0, 100.0, 1, start - 1_001);
        aggregator.advance(start - 1);
        for (int i = 0; i < trades; i++) {
            aggregator.add(
                    start + (i * 1_000L) / trades, i + 1, data.close(i), data.volume(i), start - 1);
        }
        return aggregator;
    }

    /** Measures one object graph; {@code compactBytes} as measured by the caller, or -1. */
    public static Size measure(String name, Object state, int compactBytes) {
        Map<String, Long> byField = new LinkedHashMap<>();
        long payload = walk(state, "", byField, new IdentityHashMap<>());
        List<Map.Entry<String, Long>> entries = new ArrayList<>(byField.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) {
            sorted.put(e.getKey(), e.getValue());
        }
        return new Size(name, compactBytes, javaBytes(state), kryoBytes(state), payload, sorted);
    }

    static int javaBytes(Object state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    static int kryoBytes(Object state) {
        Kryo kryo = new Kryo();
        // As Flink configures it for generic types: unregistered classes are written by name,
        // and classes without a no-arg constructor are instantiated through Objenesis.
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(
                new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        try (Output out = new Output(256, -1)) {
            kryo.writeClassAndObject(out, state);
            return out.position();
        }
    }

    /** Sums primitive payload bytes below {@code o}, recording leaves by path. */
    private static long walk(
            Object o, String path, Map<String, Long> byField, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (o instanceof String s) {
            return leaf(path, s.getBytes(StandardCharsets.UTF_8).length, byField);
        }
        if (o instanceof ZoneId z) {
            return leaf(path, z.getId().length(), byField);
        }
        if (o instanceof Enum<?>) {
            return leaf(path, 1, byField);
        }
        if (c.isArray()) {
            int n = Array.getLength(o);
            Class<?> e = c.getComponentType();
            if (e.isPrimitive()) {
                return leaf(path, (long) n * primitiveBytes(e), byField);
            }
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += walk(Array.get(o, i), path + "[]", byField, seen);
            }
            return sum;
        }
        if (o instanceof Collection<?> col) {
            long sum = 0;
            for (Object item : col) {
                sum += walk(item, path + "[]", byField, seen);
            }
            return sum;
        }
        long sum = 0;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                String p = path.isEmpty() ? f.getName() : path + "." + f.getName();
                if (f.getType().isPrimitive()) {
                    sum += leaf(p, primitiveBytes(f.getType()), byField);
                    continue;
                }
                try {
                    f.setAccessible(true);
                    sum += walk(f.get(o), p, byField, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + p + " of " + c.getName(), e);
                }
            }
        }
        return sum;
    }

    private static long leaf(String path, long bytes, Map<String, Long> byField) {
        byField.merge(path, bytes, Long::sum);
        return bytes;
    }

    private static int primitiveBytes(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }
}
