package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.job.model.BarSerializer;
import java.lang.reflect.RecordComponent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Bars cross the keyed exchange to the signal operators with {@link BarSerializer}: Flink's
 * serializer contract test (copies, reuse, sequences, snapshot and restore, duplicate) over bars
 * with the extremes, NaN, signed zeros, an absent, empty and non-ASCII symbol, and every record
 * component of {@code Bar}, found by reflection.
 */
class BarSerializationTest extends SerializerTestBase<Bar> {
    @Override
    protected TypeSerializer<Bar> createSerializer() {
        return BarSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Bar> getTypeClass() {
        return Bar.class;
    }

    @Override
    protected Bar[] getTestData() {
        return new Bar[] {
            new Bar(
                    "AAPL",
                    1_772_548_201_000L,
                    1_772_548_202_000L,
                    189.25,
                    189.5,
                    189.0,
                    189.1,
                    300,
                    56_750.0,
                    4,
                    true),
            new Bar(
                    "BRK.B",
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    -0.0,
                    0.0,
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Long.MAX_VALUE,
                    false),
            new Bar("", 0, 60_000, 1, 1, 1, 1, 0, 0, 0, false),
            new Bar("é€😀".repeat(50), -1, 1, 2, 3, 1, 2, 1e-300, 2e-300, 1, true),
            new Bar(null, 5, 6, 7, 8, 6, 7, 9, 63, 2, true)
        };
    }

    @Test
    void theBarStreamsTypeInformationHandsOutTheSerializer() {
        assertThat(BarSerializer.TYPE_INFO.createSerializer(new SerializerConfigImpl()))
                .isSameAs(BarSerializer.INSTANCE);
        assertThat(BarSerializer.TYPE_INFO.getTypeClass()).isEqualTo(Bar.class);
        assertThat(BarSerializer.TYPE_INFO).isNotEqualTo(TypeInformation.of(Bar.class));
    }

    @Test
    void everyComponentOfTheRecordSurvivesTheExchange() throws Exception {
        // Found by reflection, so a component added to Bar later and forgotten in the serializer
        // fails this test instead of vanishing between two operators.
        RecordComponent[] components = Bar.class.getRecordComponents();
        assertThat(components).hasSize(11);
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            if (t == String.class) {
                values[i] = "value of " + components[i].getName();
            } else if (t == long.class) {
                values[i] = 1_000_000_007L * (i + 1);
            } else if (t == double.class) {
                values[i] = 0.1 * (i + 1);
            } else if (t == boolean.class) {
                values[i] = true;
            } else {
                throw new AssertionError("a component of a type this test does not know: " + t);
            }
        }
        Bar bar = Bar.class.getDeclaredConstructor(types).newInstance(values);
        var out = new DataOutputSerializer(64);
        BarSerializer.INSTANCE.serialize(bar, out);
        Bar back =
                BarSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        for (RecordComponent c : components) {
            assertThat(c.getAccessor().invoke(back))
                    .as(c.getName())
                    .isEqualTo(c.getAccessor().invoke(bar));
        }
        // false survives too (the flag byte carries it).
        Bar notFinal = new Bar("X", 1, 2, 3, 4, 3, 3, 1, 3, 1, false);
        out.clear();
        BarSerializer.INSTANCE.serialize(notFinal, out);
        assertThat(
                        BarSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(notFinal);
    }
}
