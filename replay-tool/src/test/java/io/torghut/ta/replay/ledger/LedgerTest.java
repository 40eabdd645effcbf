package io.torghut.ta.replay.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Ledger} and {@link ReplayRecord}. */
class LedgerTest {
    @TempDir Path dir;

    @Test
    void eventsRoundTripAndFoldIntoWhereTheReplayStands() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        Ledger l = Ledger.load(file);
        l.append(
                LedgerEvent.step("t1", "R-1", "mode1", 1, "pause-trading")
                        .withGroupId("torghut-ta-replay-R-1")
                        .withPrev(Map.of("TA_GROUP_ID", "live")));
        l.append(LedgerEvent.step("t2", "R-1", "mode1", 2, "suspend"));
        l.append(LedgerEvent.step("t3", "OTHER", "mode2", 1, "pause-trading").withTicket("INC-1"));
        Ledger again = Ledger.load(file);
        assertThat(again.events()).isEqualTo(l.events());
        ReplayRecord r = again.replay("R-1").orElseThrow();
        assertThat(r.stepsDone()).containsExactly(1, 2);
        assertThat(r.mode()).isEqualTo("mode1");
        assertThat(r.prev()).containsEntry("TA_GROUP_ID", "live");
        assertThat(r.timeOf("suspend")).contains("t2");
        assertThat(again.usedGroupIds()).containsExactlyInAnyOrder("torghut-ta-replay-R-1", "live");
        assertThat(again.replay("NONE")).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aCorruptLineIsAnErrorNamingTheLine() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        Files.writeString(file, "{\"replayId\":\"a\",\"mode\":\"mode1\"}\nnot json\n");
        assertThatThrownBy(() -> Ledger.load(file)).hasMessageContaining("line 2");
    }
}
