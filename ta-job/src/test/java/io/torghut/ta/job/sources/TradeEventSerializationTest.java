package io.torghut.ta.job.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.TradeEvent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Input records are Flink POJOs and keep every field through Flink serialization. */
class TradeEventSerializationTest {
    @Test
    void tradeEventIsAPojoAndRoundTrips() throws Exception {
        TypeInformation<TradeEvent> info = TypeInformation.of(TradeEvent.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<TradeEvent> serializer = info.createSerializer(new SerializerConfigImpl());
        TradeEvent e = new TradeEvent();
        e.symbol = "AAPL";
        e.eventTs = 123;
        e.seq = 7;
        e.price = 10.5;
        e.size = 3;
        e.lateInPartition = true;
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(e, out);
        TradeEvent back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.lateInPartition).isTrue();
        assertThat(back.symbol).isEqualTo("AAPL");
        assertThat(back.price).isEqualTo(10.5);
    }
}
