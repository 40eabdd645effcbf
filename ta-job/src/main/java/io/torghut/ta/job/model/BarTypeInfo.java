package io.torghut.ta.job.model;

import io.torghut.ta.core.bars.Bar;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for the {@link Bar} streams between operators: it hands out {@link
 * BarSerializer}. The topology names it explicitly ({@code Bar} lives in the Flink-free core, so it
 * cannot carry a {@code @TypeInfo} annotation); state keeps {@code TypeInformation.of(Bar.class)}.
 */
public final class BarTypeInfo extends TypeInformation<Bar> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final BarTypeInfo INSTANCE = new BarTypeInfo();

    private BarTypeInfo() {}

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
    public Class<Bar> getTypeClass() {
        return Bar.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Bar> createSerializer(SerializerConfig config) {
        return BarSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Bar";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarTypeInfo;
    }

    @Override
    public int hashCode() {
        return BarTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof BarTypeInfo;
    }
}
