package io.torghut.ta.job.status;

import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.model.StatusSample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Summarises the signal rows of one subtask into at most one {@link StatusSample} a second (count
 * and highest event time), so the heartbeat reports signal freshness without sending every row to
 * the single status subtask: one record per signal through that exchange cost a network hop per row
 * and tied the signal lanes to the status operator's pace.
 *
 * <p>The first row is reported at once, so the output appears in the heartbeat without delay; the
 * rows of the last second before the stream goes quiet are reported with the next row.
 */
public final class SignalSampler extends ProcessFunction<SignalRow, StatusSample> {
    private static final long serialVersionUID = 1L;

    /** Samples are emitted at most this often per subtask. */
    static final long INTERVAL_MS = SampleWindow.INTERVAL_MS;

    private final String stream;
    private transient SampleWindow window;

    /** Creates a sampler reporting as {@code stream} (e.g. "signals"). */
    public SignalSampler(String stream) {
        this.stream = stream;
    }

    @Override
    public void open(OpenContext openContext) {
        window = new SampleWindow(stream);
    }

    @Override
    public void processElement(SignalRow row, Context ctx, Collector<StatusSample> out) {
        window.valid(row.eventTimeMs());
        StatusSample sample = window.due();
        if (sample != null) {
            out.collect(sample);
        }
    }
}
