package io.torghut.ta.job.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink's type information for {@link TradeEvent}, which {@code TypeInformation.of} finds through
 * the {@code @TypeInfo} annotation on the class: it hands out {@link TradeEventSerializer}.
 */
public final class TradeEventTypeInfo {
    /** The one instance. */
    public static final TypeInformation<TradeEvent> INSTANCE =
            new SerializerTypeInfo<>(TradeEvent.class, TradeEventSerializer.INSTANCE);

    private TradeEventTypeInfo() {}

    /** The factory the {@code @TypeInfo} annotation names. */
    public static final class Factory extends TypeInfoFactory<TradeEvent> {
        @Override
        public TypeInformation<TradeEvent> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
