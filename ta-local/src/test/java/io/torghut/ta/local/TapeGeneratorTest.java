package io.torghut.ta.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.sources.PartitionLateness;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link TapeGenerator} read back through the job's decoder and lateness rule. */
class TapeGeneratorTest {

    @Test
    void decoderAndPartitionRuleSeeExactlyTheGroundTruth() {
        TapeGenerator.Tape tape =
                TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(5));
        EnvelopeDecoder decoder = new EnvelopeDecoder(60_000, 8L * 86_400_000, 65_536);
        PartitionLateness lateness = new PartitionLateness(2000, 0, 1000);
        Map<DecodeFailure, Integer> refused = new EnumMap<>(DecodeFailure.class);
        Set<String> late = new HashSet<>();
        int valid = 0;
        for (TapeGenerator.Line line : tape.trades()) {
            TradeEvent t =
                    decoder.decodeTrade(line.value().getBytes(StandardCharsets.UTF_8), "test");
            lateness.observe("p0", t);
            if (!t.isValid()) {
                refused.merge(DecodeFailure.valueOf(t.failure), 1, Integer::sum);
            } else if (t.lateInPartition) {
                late.add(t.symbol + "/" + t.seq);
            } else {
                valid++;
            }
        }
        assertThat(refused).isEqualTo(tape.malformed().get("trades"));
        assertThat(tape.lateTrades()).isNotEmpty();
        Set<String> expectedLate = new HashSet<>();
        tape.lateTrades().forEach(t -> expectedLate.add(t.symbol() + "/" + t.seq()));
        assertThat(late).isEqualTo(expectedLate);
        assertThat(valid).isEqualTo(tape.onTimeTrades().size() + tape.duplicateTrades());
    }
}
