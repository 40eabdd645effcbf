package io.torghut.ta.job.operators;

import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.model.DeadLetter;
import io.torghut.ta.job.model.InputRecord;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid records on and diverts refused ones: each refusal increments the metric {@code
 * invalid_<reason>} of this operator (metric group {@code ta.<input>}) and goes to the dead-letter
 * side output. It never throws, so bad input cannot fail the job.
 */
public final class InputValidator<T extends InputRecord> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    /** Side output of refused records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String input;
    private transient Map<DecodeFailure, Counter> counters;
    private transient Counter valid;

    /** Creates a validator for the named input (trades, quotes, bars1m). */
    public InputValidator(String input) {
        this.input = input;
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new EnumMap<>(DecodeFailure.class);
        var group = getRuntimeContext().getMetricGroup().addGroup("ta").addGroup(input);
        for (DecodeFailure f : DecodeFailure.values()) {
            counters.put(f, group.counter("invalid_" + f.label().replace('-', '_')));
        }
        valid = group.counter("valid");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) {
        if (value.isValid()) {
            valid.inc();
            out.collect(value);
            return;
        }
        counters.get(DecodeFailure.valueOf(value.failure)).inc();
        getRuntimeContext().getLongCounter("ta.invalid." + input + "." + value.failure).add(1L);
        ctx.output(DEAD_LETTERS, DeadLetter.of(input, value));
    }
}
