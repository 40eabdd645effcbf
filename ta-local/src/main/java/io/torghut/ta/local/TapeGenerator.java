package io.torghut.ta.local;

import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.job.decode.DecodeFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, realistic market-data tape in the Kafka wire format: trades, quotes and 1 min bars
 * (final bars plus some updated, non-final versions) for several symbols, in arrival order, with
 * out-of-order arrival within the bound, a few trades far beyond it, exact redeliveries and
 * malformed records of every class: the local run's default input.
 *
 * <p>Besides the lines, a {@link Tape} says what was put on them (the on-time and the late trades,
 * the redeliveries, the quotes, the last version of every 1 min bar, the malformed records by
 * reason), so what the job must make of the tape follows from it without running the job.
 */
public final class TapeGenerator {

    /** What to generate. */
    public record Options(
            long seed,
            List<String> symbols,
            Instant start,
            int minutes,
            double tradesPerSecond,
            double quotesPerSecond,
            long maxDelayMs,
            double lateFraction,
            long lateDelayMs,
            double duplicateFraction,
            int malformedPerClass) {

        /** Defaults: 5 symbols, 10 minutes from the 2026-03-03 open, bound 2 s. */
        public static Options defaults() {
            return new Options(
                    42,
                    List.of("AAPL", "MSFT", "NVDA", "TSLA", "AMZN"),
                    Instant.parse("2026-03-03T14:30:00Z"),
                    10,
                    4,
                    2,
                    1500,
                    0.002,
                    10_000,
                    0.002,
                    2);
        }

        /** The same options with another seed. */
        public Options withSeed(long s) {
            return new Options(
                    s,
                    symbols,
                    start,
                    minutes,
                    tradesPerSecond,
                    quotesPerSecond,
                    maxDelayMs,
                    lateFraction,
                    lateDelayMs,
                    duplicateFraction,
                    malformedPerClass);
        }

        /** The same options from another start. */
        public Options withStart(Instant s) {
            return new Options(
                    seed,
                    symbols,
                    s,
                    minutes,
                    tradesPerSecond,
                    quotesPerSecond,
                    maxDelayMs,
                    lateFraction,
                    lateDelayMs,
                    duplicateFraction,
                    malformedPerClass);
        }

        /** The same options over another number of minutes. */
        public Options withMinutes(int m) {
            return new Options(
                    seed,
                    symbols,
                    start,
                    m,
                    tradesPerSecond,
                    quotesPerSecond,
                    maxDelayMs,
                    lateFraction,
                    lateDelayMs,
                    duplicateFraction,
                    malformedPerClass);
        }

        /** The same options with other symbols. */
        public Options withSymbols(List<String> s) {
            return new Options(
                    seed,
                    s,
                    start,
                    minutes,
                    tradesPerSecond,
                    quotesPerSecond,
                    maxDelayMs,
                    lateFraction,
                    lateDelayMs,
                    duplicateFraction,
                    malformedPerClass);
        }
    }

    /** A trade of the ground truth. */
    public record Trade(String symbol, long eventTs, long seq, double price, double size) {}

    /**
     * A 1 min bar of the ground truth (its last version; {@code isFinal} false when that last
     * version is an updated bar, which the feed marks non-final).
     */
    public record MinuteBar(
            String symbol,
            long start,
            double open,
            double high,
            double low,
            double close,
            double volume,
            double vwap,
            long count,
            boolean isFinal) {}

    /** One record in arrival order: its key, value and arrival time. */
    public record Line(String key, String value, long arrivalMs) {}

    /** The tape and its ground truth. */
    public record Tape(
            List<Line> trades,
            List<Line> quotes,
            List<Line> bars1m,
            List<Trade> onTimeTrades,
            List<Trade> lateTrades,
            int duplicateTrades,
            List<Quote> quotesBySymbolTime,
            Map<String, List<Quote>> quotesBySymbol,
            List<MinuteBar> finalMinuteBars,
            Map<String, Map<DecodeFailure, Integer>> malformed) {

        /** Writes {@code trades.jsonl}, {@code quotes.jsonl} and {@code bars1m.jsonl}. */
        public void write(Path dir) {
            try {
                Files.createDirectories(dir);
                writeLines(dir.resolve("trades.jsonl"), trades);
                writeLines(dir.resolve("quotes.jsonl"), quotes);
                writeLines(dir.resolve("bars1m.jsonl"), bars1m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void writeLines(Path file, List<Line> lines) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) {
                sb.append(l.value().replace('\n', ' ')).append('\n');
            }
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        }

        /** Total malformed records of an input. */
        public int malformedCount(String input) {
            return malformed.getOrDefault(input, Map.of()).values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
        }
    }

    private TapeGenerator() {}

    /** Generates a tape. */
    public static Tape generate(Options o) {
        Random r = new Random(o.seed());
        long start = o.start().toEpochMilli();
        long end = start + o.minutes() * 60_000L;
        List<Line> trades = new ArrayList<>();
        List<Line> quotes = new ArrayList<>();
        List<Line> bars = new ArrayList<>();
        List<Trade> onTime = new ArrayList<>();
        List<Trade> late = new ArrayList<>();
        List<Quote> allQuotes = new ArrayList<>();
        Map<String, List<Quote>> quotesBySymbol = new LinkedHashMap<>();
        List<MinuteBar> finalBars = new ArrayList<>();
        int duplicates = 0;

        for (String symbol : o.symbols()) {
            double price = 50 + r.nextInt(400) + r.nextInt(100) / 100.0;
            long seq = 0;
            long quoteSeq = 0;
            Map<Long, List<Trade>> byMinute = new TreeMap<>();
            List<Quote> symbolQuotes = new ArrayList<>();
            double t = start + expGap(r, o.tradesPerSecond());
            while (t < end) {
                long ts = (long) t;
                price = Math.max(1, price * Math.exp(r.nextGaussian() * 0.0004));
                double px = Math.round(price * 100) / 100.0;
                double size = 1 + r.nextInt(400) + (r.nextInt(4) == 0 ? 0.5 : 0);
                Trade trade = new Trade(symbol, ts, ++seq, px, size);
                boolean isLate =
                        r.nextDouble() < o.lateFraction()
                                && ts > start + 20_000
                                && ts < end - o.lateDelayMs();
                long arrival =
                        ts + (isLate ? o.lateDelayMs() : (long) (r.nextDouble() * o.maxDelayMs()));
                String json = tradeJson(trade, arrival);
                trades.add(new Line(symbol, json, arrival));
                if (isLate) {
                    late.add(trade);
                } else {
                    onTime.add(trade);
                    byMinute.computeIfAbsent(
                                    Math.floorDiv(ts, 60_000L) * 60_000L, k -> new ArrayList<>())
                            .add(trade);
                    if (r.nextDouble() < o.duplicateFraction()) {
                        // A redelivery of the identical record, arriving within the bound.
                        long again = Math.min(ts + o.maxDelayMs(), arrival + 1 + r.nextInt(200));
                        trades.add(new Line(symbol, json, again));
                        duplicates++;
                    }
                }
                t += expGap(r, o.tradesPerSecond());
            }
            double q = start + expGap(r, o.quotesPerSecond());
            while (q < end) {
                long ts = (long) q;
                double mid = Math.round(price * 100) / 100.0;
                double spread = 0.01 * (1 + r.nextInt(4));
                Quote quote =
                        new Quote(
                                ts,
                                Math.round((mid - spread / 2) * 1000) / 1000.0,
                                r.nextInt(30) * 100,
                                Math.round((mid + spread / 2) * 1000) / 1000.0,
                                r.nextInt(30) * 100);
                long arrival = ts + (long) (r.nextDouble() * o.maxDelayMs());
                quotes.add(
                        new Line(symbol, quoteJson(symbol, quote, ++quoteSeq, arrival), arrival));
                symbolQuotes.add(quote);
                allQuotes.add(quote);
                q += expGap(r, o.quotesPerSecond());
            }
            quotesBySymbol.put(symbol, symbolQuotes);
            long barSeq = 0;
            for (Map.Entry<Long, List<Trade>> e : byMinute.entrySet()) {
                MinuteBar bar = minuteBar(symbol, e.getKey(), e.getValue());
                long published = e.getKey() + 60_000 + 500 + r.nextInt(1000);
                if (r.nextInt(3) == 0) {
                    // First a slightly wrong final bar, then an updated (non-final) correction.
                    MinuteBar draft =
                            new MinuteBar(
                                    symbol,
                                    bar.start(),
                                    bar.open(),
                                    bar.high(),
                                    bar.low(),
                                    bar.close(),
                                    bar.volume() * 0.9,
                                    bar.vwap(),
                                    bar.count() - 1,
                                    true);
                    bars.add(
                            new Line(symbol, barJson(draft, ++barSeq, true, published), published));
                    long updated = published + 2000 + r.nextInt(5000);
                    MinuteBar last = withFinal(bar, false);
                    bars.add(new Line(symbol, barJson(last, ++barSeq, false, updated), updated));
                    finalBars.add(last);
                } else {
                    bars.add(new Line(symbol, barJson(bar, ++barSeq, true, published), published));
                    finalBars.add(bar);
                }
            }
        }

        Map<String, Map<DecodeFailure, Integer>> malformed = new LinkedHashMap<>();
        injectMalformed(r, o, start, end, "trades", trades, malformed);
        injectMalformed(r, o, start, end, "quotes", quotes, malformed);
        injectMalformed(r, o, start, end, "bars1m", bars, malformed);

        Comparator<Line> byArrival = Comparator.comparingLong(Line::arrivalMs);
        trades.sort(byArrival);
        quotes.sort(byArrival);
        bars.sort(byArrival);
        allQuotes.sort(Comparator.comparingLong(Quote::eventTimeMs));
        return new Tape(
                trades,
                quotes,
                bars,
                onTime,
                late,
                duplicates,
                allQuotes,
                quotesBySymbol,
                finalBars,
                malformed);
    }

    private static double expGap(Random r, double perSecond) {
        return -Math.log(1 - r.nextDouble()) * 1000 / perSecond;
    }

    private static MinuteBar withFinal(MinuteBar b, boolean isFinal) {
        return new MinuteBar(
                b.symbol(),
                b.start(),
                b.open(),
                b.high(),
                b.low(),
                b.close(),
                b.volume(),
                b.vwap(),
                b.count(),
                isFinal);
    }

    private static MinuteBar minuteBar(String symbol, long start, List<Trade> trades) {
        List<Trade> sorted = new ArrayList<>(trades);
        sorted.sort(Comparator.comparingLong(Trade::eventTs).thenComparingLong(Trade::seq));
        double high = sorted.stream().mapToDouble(Trade::price).max().orElseThrow();
        double low = sorted.stream().mapToDouble(Trade::price).min().orElseThrow();
        double v = 0;
        double n = 0;
        for (Trade t : sorted) {
            v += t.size();
            n += t.price() * t.size();
        }
        return new MinuteBar(
                symbol,
                start,
                sorted.get(0).price(),
                high,
                low,
                sorted.get(sorted.size() - 1).price(),
                v,
                n / v,
                sorted.size(),
                true);
    }

    static String tradeJson(Trade t, long ingestTs) {
        return new EnvelopeWriter()
                .trade(t.symbol(), t.seq(), t.eventTs(), ingestTs, t.price(), t.size());
    }

    static String quoteJson(String symbol, Quote q, long seq, long ingestTs) {
        return new EnvelopeWriter()
                .quote(
                        symbol,
                        seq,
                        q.eventTimeMs(),
                        ingestTs,
                        q.bidPrice(),
                        q.bidSize(),
                        q.askPrice(),
                        q.askSize());
    }

    static String barJson(MinuteBar b, long seq, boolean isFinal, long ingestTs) {
        return new EnvelopeWriter()
                .minuteBar(
                        b.symbol(),
                        seq,
                        b.start(),
                        ingestTs,
                        isFinal,
                        b.open(),
                        b.high(),
                        b.low(),
                        b.close(),
                        b.volume(),
                        b.vwap(),
                        b.count());
    }

    /** Mixes every class of malformed record into an input, and counts them by reason. */
    private static void injectMalformed(
            Random r,
            Options o,
            long start,
            long end,
            String input,
            List<Line> lines,
            Map<String, Map<DecodeFailure, Integer>> counts) {
        Map<DecodeFailure, Integer> byReason = new EnumMap<>(DecodeFailure.class);
        String good = lines.isEmpty() ? null : lines.get(lines.size() / 2).value();
        if (good == null) {
            counts.put(input, byReason);
            return;
        }
        for (int i = 0; i < o.malformedPerClass(); i++) {
            long at = start + 5_000 + (long) (r.nextDouble() * (end - start - 10_000));
            String field = input.equals("trades") ? "p" : input.equals("quotes") ? "bp" : "c";
            String size = input.equals("trades") ? "s" : input.equals("quotes") ? "bs" : "v";
            Map<DecodeFailure, String> bad = new LinkedHashMap<>();
            bad.put(DecodeFailure.EMPTY, "");
            bad.put(DecodeFailure.INVALID_JSON, good.substring(0, good.length() / 2));
            bad.put(DecodeFailure.NOT_AN_OBJECT, "[1,2,3]");
            bad.put(DecodeFailure.MISSING_FIELD, good.replace("\"symbol\"", "\"sym\""));
            bad.put(DecodeFailure.WRONG_TYPE, good.replace("\"seq\":", "\"seq\":\"x\",\"q\":"));
            bad.put(DecodeFailure.NON_FINITE, replaceNumber(good, field, "\"NaN\""));
            bad.put(DecodeFailure.NON_POSITIVE_PRICE, replaceNumber(good, field, "0"));
            bad.put(DecodeFailure.NEGATIVE_SIZE, replaceNumber(good, size, "-5"));
            bad.put(
                    DecodeFailure.INVALID_TIMESTAMP,
                    good.replaceFirst("\"eventTs\":\"[^\"]*\"", "\"eventTs\":\"yesterday\""));
            bad.put(
                    DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                    good.replaceFirst(
                            "\"eventTs\":\"[^\"]*\"", "\"eventTs\":\"2099-01-01T00:00:00.000Z\""));
            bad.put(
                    DecodeFailure.INVALID_SYMBOL,
                    good.replaceFirst("\"symbol\":\"[^\"]*\"", "\"symbol\":\"DROP TABLE;\""));
            bad.put(
                    DecodeFailure.OVERSIZED,
                    good.replace(
                            "\"feed\":", "\"padding\":\"" + "x".repeat(70_000) + "\",\"feed\":"));
            if (input.equals("bars1m")) {
                bad.put(DecodeFailure.INCONSISTENT_BAR, replaceNumber(good, "h", "0.5"));
            }
            for (Map.Entry<DecodeFailure, String> e : bad.entrySet()) {
                lines.add(new Line("AAPL", e.getValue(), at + r.nextInt(1000)));
                byReason.merge(e.getKey(), 1, Integer::sum);
            }
        }
        counts.put(input, byReason);
    }

    private static String replaceNumber(String json, String field, String replacement) {
        return json.replaceFirst(
                "\"" + field + "\":[-0-9.eE]+", "\"" + field + "\":" + replacement);
    }
}
