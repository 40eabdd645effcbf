package io.torghut.ta.job.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for {@link TradeEvent}.
 *
 * <p>Every trade crosses the keyed exchange to the micro-bar operator. Flink's POJO serializer
 * boxes each number it reads and sets each field by reflection, which the end-to-end benchmark's
 * profile showed among the micro-bar task's costs and allocations (docs/performance.md). This one
 * writes the fields in a fixed order: a flag byte (which strings are present, {@code
 * lateInPartition}), the three longs and two doubles, then the present strings.
 *
 * <p>The format is versioned by {@link Snapshot}; a trade is never kept in state, so only the
 * network exchange uses it.
 */
public final class TradeEventSerializer extends TypeSerializerSingleton<TradeEvent> {
    private static final long serialVersionUID = 1L;

    /** The one instance: the serializer is stateless. */
    public static final TradeEventSerializer INSTANCE = new TradeEventSerializer();

    private static final int SYMBOL = 1;
    private static final int FAILURE = 1 << 1;
    private static final int FAILURE_DETAIL = 1 << 2;
    private static final int RAW = 1 << 3;
    private static final int ORIGIN = 1 << 4;
    private static final int LATE_IN_PARTITION = 1 << 5;

    /** The string flags, in the order the strings are written. */
    private static final int[] STRINGS = {SYMBOL, FAILURE, FAILURE_DETAIL, RAW, ORIGIN};

    private TradeEventSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TradeEvent createInstance() {
        return new TradeEvent();
    }

    @Override
    public TradeEvent copy(TradeEvent from) {
        return copy(from, new TradeEvent());
    }

    @Override
    public TradeEvent copy(TradeEvent from, TradeEvent reuse) {
        reuse.symbol = from.symbol;
        reuse.eventTs = from.eventTs;
        reuse.ingestTs = from.ingestTs;
        reuse.seq = from.seq;
        reuse.failure = from.failure;
        reuse.failureDetail = from.failureDetail;
        reuse.raw = from.raw;
        reuse.origin = from.origin;
        reuse.price = from.price;
        reuse.size = from.size;
        reuse.lateInPartition = from.lateInPartition;
        return reuse;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(TradeEvent e, DataOutputView out) throws IOException {
        int flags =
                (e.symbol != null ? SYMBOL : 0)
                        | (e.failure != null ? FAILURE : 0)
                        | (e.failureDetail != null ? FAILURE_DETAIL : 0)
                        | (e.raw != null ? RAW : 0)
                        | (e.origin != null ? ORIGIN : 0)
                        | (e.lateInPartition ? LATE_IN_PARTITION : 0);
        out.writeByte(flags);
        out.writeLong(e.eventTs);
        out.writeLong(e.ingestTs);
        out.writeLong(e.seq);
        out.writeDouble(e.price);
        out.writeDouble(e.size);
        writeIf(flags, SYMBOL, e.symbol, out);
        writeIf(flags, FAILURE, e.failure, out);
        writeIf(flags, FAILURE_DETAIL, e.failureDetail, out);
        writeIf(flags, RAW, e.raw, out);
        writeIf(flags, ORIGIN, e.origin, out);
    }

    private static void writeIf(int flags, int flag, String s, DataOutputView out)
            throws IOException {
        if ((flags & flag) != 0) {
            StringValue.writeString(s, out);
        }
    }

    @Override
    public TradeEvent deserialize(DataInputView in) throws IOException {
        return deserialize(new TradeEvent(), in);
    }

    @Override
    public TradeEvent deserialize(TradeEvent reuse, DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        reuse.eventTs = in.readLong();
        reuse.ingestTs = in.readLong();
        reuse.seq = in.readLong();
        reuse.price = in.readDouble();
        reuse.size = in.readDouble();
        reuse.lateInPartition = (flags & LATE_IN_PARTITION) != 0;
        reuse.symbol = readIf(flags, SYMBOL, in);
        reuse.failure = readIf(flags, FAILURE, in);
        reuse.failureDetail = readIf(flags, FAILURE_DETAIL, in);
        reuse.raw = readIf(flags, RAW, in);
        reuse.origin = readIf(flags, ORIGIN, in);
        return reuse;
    }

    private static String readIf(int flags, int flag, DataInputView in) throws IOException {
        return (flags & flag) != 0 ? StringValue.readString(in) : null;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int flags = source.readUnsignedByte();
        target.writeByte(flags);
        target.write(source, 5 * Long.BYTES);
        for (int flag : STRINGS) {
            if ((flags & flag) != 0) {
                StringValue.copyString(source, target);
            }
        }
    }

    @Override
    public TypeSerializerSnapshot<TradeEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: its format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TradeEvent> {
        /** Used by Flink when it restores the snapshot. */
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
