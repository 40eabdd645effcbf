package io.torghut.ta.job.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.model.TradeEventSerializer;
import io.torghut.ta.job.model.TradeEventTypeInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * Trades cross the keyed exchange with {@link TradeEventSerializer}: Flink's serializer contract
 * test (copies, reuse, sequences, snapshot and restore, duplicate) over trades with every field
 * set, absent, empty and non-ASCII, and every field the class declares, found by reflection.
 */
class TradeEventSerializationTest extends SerializerTestBase<TradeEvent> {
    TradeEventSerializationTest() {
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof TradeEvent && b instanceof TradeEvent,
                                (a, b, checker) -> same((TradeEvent) a, (TradeEvent) b)));
    }

    private static boolean same(TradeEvent a, TradeEvent b) {
        return Objects.equals(a.symbol, b.symbol)
                && a.eventTs == b.eventTs
                && a.ingestTs == b.ingestTs
                && a.seq == b.seq
                && Objects.equals(a.failure, b.failure)
                && Objects.equals(a.failureDetail, b.failureDetail)
                && Objects.equals(a.raw, b.raw)
                && Objects.equals(a.origin, b.origin)
                && Double.doubleToRawLongBits(a.price) == Double.doubleToRawLongBits(b.price)
                && Double.doubleToRawLongBits(a.size) == Double.doubleToRawLongBits(b.size)
                && a.lateInPartition == b.lateInPartition;
    }

    private static TradeEvent trade(
            String symbol, long eventTs, long seq, double price, double size, boolean late) {
        TradeEvent e = new TradeEvent();
        e.symbol = symbol;
        e.eventTs = eventTs;
        e.ingestTs = eventTs + 250;
        e.seq = seq;
        e.price = price;
        e.size = size;
        e.lateInPartition = late;
        return e;
    }

    @Override
    protected TypeSerializer<TradeEvent> createSerializer() {
        return TradeEventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<TradeEvent> getTypeClass() {
        return TradeEvent.class;
    }

    @Override
    protected TradeEvent[] getTestData() {
        TradeEvent refused = new TradeEvent();
        refused.failure = "INVALID_JSON";
        refused.failureDetail = "not valid JSON: Unexpected character ('}' (code 125))";
        refused.raw = "{\"symbol\":\"NVDA\",\"payload\":{\"p\":1.0,}}" + "é€😀".repeat(300);
        refused.origin = "torghut.trades.v1/3@184467";
        refused.eventTs = Long.MIN_VALUE;
        refused.seq = -1;
        TradeEvent empty = trade("", 0, 0, 0.0, -0.0, false);
        empty.origin = "";
        return new TradeEvent[] {
            trade("AAPL", 1_772_548_201_123L, 7, 189.25, 100, false),
            trade("BRK.B", 1_772_548_201_999L, Long.MAX_VALUE, Double.MIN_VALUE, 1e300, true),
            trade("X", Long.MAX_VALUE, 1, Double.NaN, Double.POSITIVE_INFINITY, false),
            refused,
            empty,
            new TradeEvent()
        };
    }

    @Test
    void flinkFindsTheSerializerThroughTheAnnotation() {
        TypeInformation<TradeEvent> info = TypeInformation.of(TradeEvent.class);
        assertThat(info).isSameAs(TradeEventTypeInfo.INSTANCE);
        assertThat(info.createSerializer(new SerializerConfigImpl()))
                .isSameAs(TradeEventSerializer.INSTANCE);
    }

    @Test
    void everyFieldOfTheClassSurvivesTheExchange() throws Exception {
        // Found by reflection, so a field added to TradeEvent or InputRecord later and forgotten
        // here or in the serializer fails this test instead of vanishing between two operators.
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = TradeEvent.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f);
                }
            }
        }
        assertThat(fields).hasSize(11);
        TradeEvent e = new TradeEvent();
        int i = 1;
        for (Field f : fields) {
            Class<?> t = f.getType();
            if (t == String.class) {
                f.set(e, "value of " + f.getName());
            } else if (t == long.class) {
                f.setLong(e, 1_000_000_007L * i);
            } else if (t == double.class) {
                f.setDouble(e, 0.1 * i);
            } else if (t == boolean.class) {
                f.setBoolean(e, true);
            } else {
                throw new AssertionError("a field of a type this test does not know: " + f);
            }
            i++;
        }
        TradeEvent back = roundTrip(e);
        for (Field f : fields) {
            assertThat(f.get(back)).as(f.getName()).isEqualTo(f.get(e));
        }
        assertThat(same(back, e)).isTrue();
    }

    private static TradeEvent roundTrip(TradeEvent e) throws Exception {
        var out = new DataOutputSerializer(64);
        TradeEventSerializer.INSTANCE.serialize(e, out);
        return TradeEventSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
