package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.signals.Quote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link QuoteBook}: the event-time "latest quote at or before" lookup. */
class QuoteBookTest {
    @Test
    void lookupEqualsBruteForceForAnyArrivalOrder() {
        Random r = new Random(3);
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long ts = 1_000_000 + r.nextInt(60_000);
            quotes.add(new Quote(ts, 10 + r.nextInt(5), r.nextInt(3), 11 + r.nextInt(5), 1));
        }
        for (long seed = 0; seed < 5; seed++) {
            List<Quote> shuffled = new ArrayList<>(quotes);
            Collections.shuffle(shuffled, new Random(seed));
            QuoteBook book = new QuoteBook(1000);
            shuffled.forEach(book::add);
            for (long end = 1_000_000; end <= 1_061_000; end += 1000) {
                assertThat(book.latestAtOrBefore(end))
                        .as("end %d", end)
                        .isEqualTo(brute(quotes, end));
            }
        }
    }

    static Quote brute(List<Quote> quotes, long end) {
        Quote best = null;
        for (Quote q : quotes) {
            if (q.eventTimeMs() > end) {
                continue;
            }
            if (best == null
                    || q.eventTimeMs() > best.eventTimeMs()
                    || (q.eventTimeMs() == best.eventTimeMs() && bigger(q, best))) {
                best = q;
            }
        }
        return best;
    }

    static boolean bigger(Quote a, Quote b) {
        int c = Double.compare(a.bidPrice(), b.bidPrice());
        if (c == 0) {
            c = Double.compare(a.bidSize(), b.bidSize());
        }
        if (c == 0) {
            c = Double.compare(a.askPrice(), b.askPrice());
        }
        if (c == 0) {
            c = Double.compare(a.askSize(), b.askSize());
        }
        return c > 0;
    }

    /** Lookups are at bar ends, which are whole seconds. */
    @Test
    void pruningKeepsTheNewestDroppedQuoteAsTheFallback() {
        QuoteBook book = new QuoteBook(1000);
        for (long t = 1000; t <= 20_000; t += 500) {
            book.add(new Quote(t, 1, 1, 2, 1));
        }
        book.prune(15_000);
        assertThat(book.size()).isEqualTo(7);
        assertThat(book.latestAtOrBefore(14_000).eventTimeMs()).isEqualTo(14_000);
        assertThat(book.latestAtOrBefore(20_000).eventTimeMs()).isEqualTo(20_000);
        assertThat(book.latestAtOrBefore(999)).isNull();
    }
}
