package io.torghut.ta.job.model;

import io.torghut.ta.core.bars.Bar;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for the {@link Bar}s that cross the keyed exchange from the micro-bar (and 1
 * min bar) operator to the signal operators.
 *
 * <p>{@code Bar} is a record, which Flink's POJO serializer reads field by field by reflection,
 * boxing each number, and builds again through its canonical constructor from an array of boxed
 * arguments (the cost of that is measured in the benchmarks, see docs/performance.md). This one
 * writes a flag byte (symbol present, {@code isFinal}), the two window longs, the six doubles, the
 * count, then the symbol.
 *
 * <p>Only the network exchange uses it: the signal operators keep bars in state with the POJO
 * serializer they always had, so savepoints are unchanged. The format is versioned by {@link
 * Snapshot}.
 */
public final class BarSerializer extends TypeSerializerSingleton<Bar> {
    private static final long serialVersionUID = 1L;

    /** The one instance: the serializer is stateless. */
    public static final BarSerializer INSTANCE = new BarSerializer();

    /**
     * The type information of the bar streams between operators, which hands out this serializer.
     * The topology names it explicitly: {@code Bar} lives in the Flink-free core, so it cannot
     * carry a {@code @TypeInfo} annotation.
     */
    public static final TypeInformation<Bar> TYPE_INFO =
            new SerializerTypeInfo<>(Bar.class, INSTANCE);

    private static final int SYMBOL = 1;
    private static final int FINAL = 1 << 1;

    /** Bytes after the flag byte and before the symbol: 3 longs and 6 doubles. */
    private static final int FIXED_BYTES = 9 * Long.BYTES;

    private BarSerializer() {}

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Bar createInstance() {
        return new Bar(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);
    }

    @Override
    public Bar copy(Bar from) {
        return from;
    }

    @Override
    public Bar copy(Bar from, Bar reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Bar b, DataOutputView out) throws IOException {
        int flags = (b.symbol() != null ? SYMBOL : 0) | (b.isFinal() ? FINAL : 0);
        out.writeByte(flags);
        out.writeLong(b.windowStartMs());
        out.writeLong(b.windowEndMs());
        out.writeDouble(b.open());
        out.writeDouble(b.high());
        out.writeDouble(b.low());
        out.writeDouble(b.close());
        out.writeDouble(b.volume());
        out.writeDouble(b.notional());
        out.writeLong(b.count());
        if ((flags & SYMBOL) != 0) {
            StringValue.writeString(b.symbol(), out);
        }
    }

    @Override
    public Bar deserialize(DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        long start = in.readLong();
        long end = in.readLong();
        double open = in.readDouble();
        double high = in.readDouble();
        double low = in.readDouble();
        double close = in.readDouble();
        double volume = in.readDouble();
        double notional = in.readDouble();
        long count = in.readLong();
        String symbol = (flags & SYMBOL) != 0 ? StringValue.readString(in) : null;
        return new Bar(
                symbol,
                start,
                end,
                open,
                high,
                low,
                close,
                volume,
                notional,
                count,
                (flags & FINAL) != 0);
    }

    @Override
    public Bar deserialize(Bar reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int flags = source.readUnsignedByte();
        target.writeByte(flags);
        target.write(source, FIXED_BYTES);
        if ((flags & SYMBOL) != 0) {
            StringValue.copyString(source, target);
        }
    }

    @Override
    public TypeSerializerSnapshot<Bar> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: its format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Bar> {
        /** Used by Flink when it restores the snapshot. */
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
