package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link SignalEngineSerializer}: Flink's serializer contract ({@link
 * SerializerTestBase}: round trips alone and in sequence, copies, duplicate, snapshot and restore),
 * and the snapshot's compatibility with its own and Kryo's snapshots. Engines are equal when they
 * write the same state bytes, which the ta-core tests show means equal outputs on any later input.
 */
class SignalEngineSerializerTest extends SerializerTestBase<SignalEngine> {

    /** Engines have no equals: the base class compares them by their state bytes. */
    SignalEngineSerializerTest() {
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof SignalEngine && b instanceof SignalEngine,
                                (a, b, checker) ->
                                        Arrays.equals(
                                                state((SignalEngine) a), state((SignalEngine) b))));
    }

    @Override
    protected TypeSerializer<SignalEngine> createSerializer() {
        return SignalEngineSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SignalEngine> getTypeClass() {
        return SignalEngine.class;
    }

    @Override
    protected SignalEngine[] getTestData() {
        SignalEngineConfig custom =
                SignalEngineConfig.builder()
                        .macd(5, 35, 5)
                        .bollinger(10, 2.5)
                        .sessionZone(ZoneId.of("Asia/Tokyo"))
                        .build();
        return new SignalEngine[] {
            new SignalEngine(SignalEngineConfig.microBars()),
            new SignalEngine(SignalEngineConfig.minuteBars()),
            warm(SignalEngineConfig.microBars(), 1, 700),
            warm(SignalEngineConfig.minuteBars(), 2, 90),
            warm(custom, 3, 50)
        };
    }

    @Override
    protected void deepEquals(String message, SignalEngine should, SignalEngine is) {
        assertThat(state(is)).as(message).isEqualTo(state(should));
    }

    /** An engine fed {@code n} bars of a seeded walk, with revisions in a revisable lane. */
    static SignalEngine warm(SignalEngineConfig lane, long seed, int n) {
        SignalEngine engine = new SignalEngine(lane);
        for (Bar bar : bars(lane, seed, n)) {
            engine.onBar(bar, null);
        }
        return engine;
    }

    /**
     * Seeded bars: consecutive windows with some gaps, one revision in five in a revisable lane.
     */
    static List<Bar> bars(SignalEngineConfig lane, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>();
        long size = lane.barSizeMs();
        long start = 1_767_623_400_000L;
        double p = 100;
        for (int i = 0; i < n; i++) {
            if (!(lane.revisable() && i > 0 && r.nextInt(5) == 0)) {
                start += size * (r.nextInt(10) == 0 ? 2 + r.nextInt(5) : 1);
            }
            p *= 1 + (r.nextDouble() - 0.5) * 4e-4;
            double c = Math.round(p * 100) / 100.0;
            double v = r.nextInt(3) == 0 ? 1 + r.nextInt(500) + r.nextInt(100) / 100.0 : 100;
            out.add(new Bar("AAPL", start, start + size, c, c, c, c, v, c * v, 3, true));
        }
        return out;
    }

    static byte[] state(SignalEngine engine) {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        try {
            engine.writeState(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.getCopyOfBuffer();
    }

    @Test
    void aKryoSnapshotOfTheEngineIsCompatibleAfterMigration() {
        TypeSerializerSnapshot<SignalEngine> kryo =
                new KryoSerializer<>(SignalEngine.class, new SerializerConfigImpl())
                        .snapshotConfiguration();
        TypeSerializerSchemaCompatibility<SignalEngine> result =
                new SignalEngineSerializer.Snapshot().resolveSchemaCompatibility(kryo);
        assertThat(result.isCompatibleAfterMigration()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aKryoSnapshotOfAnotherClassOrAnotherSerializerIsIncompatible() {
        TypeSerializerSnapshot other =
                new KryoSerializer<>(Bar.class, new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(
                        new SignalEngineSerializer.Snapshot()
                                .resolveSchemaCompatibility(other)
                                .isIncompatible())
                .isTrue();
        TypeSerializerSnapshot string = StringSerializer.INSTANCE.snapshotConfiguration();
        assertThat(
                        new SignalEngineSerializer.Snapshot()
                                .resolveSchemaCompatibility(string)
                                .isIncompatible())
                .isTrue();
    }

    @Test
    void itsOwnSnapshotRoundTripsAndIsCompatibleAsIs() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                out, SignalEngineSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<SignalEngine> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(SignalEngineSerializer.INSTANCE);
        assertThat(
                        SignalEngineSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void anUnknownSnapshotVersionIsRefused() {
        assertThatThrownBy(
                        () ->
                                new SignalEngineSerializer.Snapshot()
                                        .readSnapshot(
                                                2,
                                                new DataInputDeserializer(new byte[0]),
                                                getClass().getClassLoader()))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "unknown SignalEngineSerializer snapshot version 2; this build reads"
                                + " version 1");
    }

    @Test
    void aWarmSecondLaneTakesLessThanFourKilobytes() {
        assertThat(state(warm(SignalEngineConfig.microBars(), 7, 720)).length).isLessThan(4_096);
    }
}
