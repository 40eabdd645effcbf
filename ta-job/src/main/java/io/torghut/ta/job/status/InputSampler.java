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
    private transient SampleWindow window;

    /** Creates a sampler for the named input. */
    public InputSampler(String stream) {
        this.stream = stream;
    }

    @Override
    public void open(OpenContext openContext) {
        window = new SampleWindow(stream);
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) {
        if (value.isValid()) {
            window.valid(value.eventTs);
        } else {
            window.invalid();
        }
        out.collect(value);
        StatusSample sample = window.due();
        if (sample != null) {
            ctx.output(SAMPLES, sample);
        }
    }
}
