package io.torghut.ta.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live against replayed rows, identity by identity. */
class ParityComparisonTest {
    private static final List<ChartRow> LIVE =
            ChartFixtures.rows("AAPL", Instant.parse("2026-03-03T14:30:00Z"), 90, 100);

    private static ChartRow with(ChartRow r, String column, Double value, long ingestTs) {
        Map<String, Double> v = new LinkedHashMap<>(r.values());
        v.put(column, value);
        return new ChartRow(
                r.kind(),
                r.symbol(),
                r.windowSize(),
                r.windowStartMs(),
                r.eventTsMs(),
                ingestTs,
                v);
    }

    @Test
    void aReplayThatRewritesEveryRowWithNewIngestTimesMatches() {
        List<ChartRow> replayed = new ArrayList<>();
        for (ChartRow r : LIVE) {
            replayed.add(with(r, "v", r.value("v"), r.ingestTsMs() + 86_400_000));
        }
        ParityComparison.Result result = ParityComparison.compare(LIVE, replayed);
        assertThat(result.matches()).isTrue();
        assertThat(result.compared()).isEqualTo(LIVE.size());
    }

    @Test
    void missingExtraAndChangedIdentitiesAreEachReportedWithWhatDiffers() {
        List<ChartRow> replayed = new ArrayList<>(LIVE);
        ChartRow bar = replayed.get(10);
        ChartRow signal = replayed.get(61);
        ChartRow gone = replayed.get(30);
        replayed.set(10, with(bar, "c", bar.value("c") + 0.01, bar.ingestTsMs()));
        replayed.set(61, with(signal, "rsi14", null, signal.ingestTsMs()));
        replayed.remove(30);
        ChartRow extra = with(gone, "c", 1.0, 0);
        extra = new ChartRow(extra.kind(), "AAPL", "PT1S", 1_000, 2_000, 0, extra.values());
        replayed.add(extra);

        ParityComparison.Result r = ParityComparison.compare(LIVE, replayed);
        assertThat(r.matches()).isFalse();
        assertThat(r.differences())
                .extracting(
                        ParityComparison.Difference::identity, ParityComparison.Difference::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                extra.identity(), ParityComparison.Kind.EXTRA_IN_REPLAY),
                        org.assertj.core.groups.Tuple.tuple(
                                bar.identity(), ParityComparison.Kind.VALUES_DIFFER),
                        org.assertj.core.groups.Tuple.tuple(
                                gone.identity(), ParityComparison.Kind.MISSING_IN_REPLAY),
                        org.assertj.core.groups.Tuple.tuple(
                                signal.identity(), ParityComparison.Kind.VALUES_DIFFER));
        assertThat(r.differences().get(1).columns())
                .containsExactly(
                        new ParityComparison.ColumnDifference(
                                "c", bar.value("c"), bar.value("c") + 0.01));
        assertThat(r.differences().get(3).describe())
                .isEqualTo("rsi14 " + signal.value("rsi14") + " → null");
    }

    @Test
    void valuesWithinTheRelativeToleranceMatchAndNaNMatchesOnlyNaN() {
        assertThat(ParityComparison.same(100.0, 100.0 + 1e-6, 1e-9)).isFalse();
        assertThat(ParityComparison.same(100.0, 100.0 + 5e-8, 1e-9)).isTrue();
        assertThat(ParityComparison.same(0.0, 5e-10, 1e-9)).isTrue();
        assertThat(ParityComparison.same(Double.NaN, Double.NaN, 1e-9)).isTrue();
        assertThat(ParityComparison.same(Double.NaN, 1.0, 1e-9)).isFalse();
        assertThat(ParityComparison.same(null, null, 1e-9)).isTrue();
        assertThat(ParityComparison.same(null, 0.0, 1e-9)).isFalse();
    }
}
