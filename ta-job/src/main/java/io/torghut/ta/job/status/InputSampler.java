package io.torghut.ta.job.status;

import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.StatusSample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes records through unchanged and, at most once a second per subtask, side-outputs a {@link
 * StatusSample} with the count and highest event time seen, so the heartbeat can report per-input
 * freshness without funnelling every record through one operator.
 */
public final class InputSampler<T extends InputRecord> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    /** Side output of samples. */
    public static final OutputTag<StatusSample> SAMPLES = new OutputTag<>("status-samples") {};

    private final String stream;
    private transient StatusSample current;
    private transient long lastEmitMs;

    /** Creates a sampler for the named input. */
    public InputSampler(String stream) {
        this.stream = stream;
    }

    @Override
    public void open(OpenContext openContext) {
        current = fresh();
    }

    private StatusSample fresh() {
        StatusSample s = new StatusSample();
        s.stream = stream;
        return s;
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) {
        if (value.isValid()) {
            current.count++;
            current.maxEventTs = Math.max(current.maxEventTs, value.eventTs);
            out.collect(value);
        } else {
            current.invalid++;
            out.collect(value);
        }
        // The clock is read on every record (a few ns): a slow input such as the 1 min bars must
        // be reported within a second too, not after its next few hundred records.
        long now = System.currentTimeMillis();
        if (now - lastEmitMs >= 1000) {
            lastEmitMs = now;
            ctx.output(SAMPLES, current);
            current = fresh();
        }
    }
}
