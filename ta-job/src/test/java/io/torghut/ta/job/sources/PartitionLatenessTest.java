package io.torghut.ta.job.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.TradeEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link PartitionLateness}: the rule against its definition, computed here with a map of
 * each partition's newest event time, on partitions read interleaved (runs of one partition, then
 * another, then back) with trades behind and ahead of each partition's watermark.
 */
class PartitionLatenessTest {

    @Test
    void marksExactlyTheTradesBehindTheirOwnPartitionsWatermark() {
        long bound = 2_000;
        long allowed = 500;
        PartitionLateness rule = new PartitionLateness(bound, allowed, 1_000);
        Map<String, Long> newest = new HashMap<>();
        SplittableRandom random = new SplittableRandom(17);
        String[] partitions = {"trades/0", "trades/1", "trades/2"};
        long[] clock = {1_772_548_200_000L, 1_772_548_260_000L, 1_772_548_100_000L};
        int marked = 0;
        int p = 0;
        for (int i = 0; i < 50_000; i++) {
            if (random.nextInt(8) == 0) {
                p = random.nextInt(partitions.length);
            }
            clock[p] += random.nextInt(30);
            TradeEvent t = new TradeEvent();
            t.symbol = "S";
            t.eventTs = clock[p] - (random.nextInt(6) == 0 ? random.nextInt(6_000) : 0);
            // A fresh String per record, as the Kafka deserializer hands them out.
            String partition = new String(partitions[p]);
            rule.observe(partition, t);

            Long max = newest.get(partitions[p]);
            boolean late = false;
            if (max != null) {
                long watermark = max - bound - 1;
                long windowEnd = Math.floorDiv(t.eventTs, 1_000L) * 1_000L + 1_000L;
                late = windowEnd - 1 + allowed <= watermark;
            }
            newest.merge(partitions[p], t.eventTs, Math::max);
            assertThat(t.lateInPartition).as("record %d", i).isEqualTo(late);
            marked += late ? 1 : 0;
        }
        assertThat(marked).isBetween(1_000, 10_000);
    }

    @Test
    void invalidRecordsAndOtherInputsAreNotMarkedNorCounted() {
        PartitionLateness rule = new PartitionLateness(0, 0, 1_000);
        TradeEvent invalid = new TradeEvent();
        invalid.eventTs = 10_000_000;
        invalid.failure = "INVALID_JSON";
        rule.observe("t/0", invalid);
        TradeEvent early = new TradeEvent();
        early.eventTs = 1_000;
        rule.observe("t/0", early);
        assertThat(invalid.lateInPartition).isFalse();
        assertThat(early.lateInPartition).isFalse();
    }
}
