package io.torghut.ta.job.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link TradeEvent}, which {@code TypeInformation.of} finds through
 * the {@code @TypeInfo} annotation on the class: it hands out {@link TradeEventSerializer}.
 */
public final class TradeEventTypeInfo extends TypeInformation<TradeEvent> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final TradeEventTypeInfo INSTANCE = new TradeEventTypeInfo();

    private TradeEventTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<TradeEvent> getTypeClass() {
        return TradeEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<TradeEvent> createSerializer(SerializerConfig config) {
        return TradeEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "TradeEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return TradeEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof TradeEventTypeInfo;
    }

    /** The factory the {@code @TypeInfo} annotation names. */
    public static final class Factory extends TypeInfoFactory<TradeEvent> {
        @Override
        public TypeInformation<TradeEvent> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
