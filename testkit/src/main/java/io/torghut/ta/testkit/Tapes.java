package io.torghut.ta.testkit;

import io.torghut.ta.job.decode.IsoTimestamps;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.local.TapeGenerator.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers over generated tapes. */
public final class Tapes {
    private static final Pattern EVENT_TS = Pattern.compile("\"eventTs\":\"([^\"]+)\"");

    private Tapes() {}

    /**
     * The same tape with every on-time record given a new seeded arrival delay within {@code
     * maxDelayMs}: a different arrival order within the out-of-orderness bound. Records that were
     * beyond the bound, and malformed ones, keep their arrival time.
     */
    public static TapeGenerator.Tape reshuffle(
            TapeGenerator.Tape tape, long seed, long maxDelayMs) {
        Random r = new Random(seed);
        return new TapeGenerator.Tape(
                reshuffle(tape.trades(), r, maxDelayMs),
                reshuffle(tape.quotes(), r, maxDelayMs),
                tape.bars1m(),
                tape.onTimeTrades(),
                tape.lateTrades(),
                tape.duplicateTrades(),
                tape.quotesBySymbolTime(),
                tape.quotesBySymbol(),
                tape.finalMinuteBars(),
                tape.malformed());
    }

    private static List<Line> reshuffle(List<Line> lines, Random r, long maxDelayMs) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            Matcher m = EVENT_TS.matcher(l.value());
            long eventTs = m.find() ? IsoTimestamps.parseMillis(m.group(1)) : IsoTimestamps.INVALID;
            boolean onTime =
                    eventTs != IsoTimestamps.INVALID
                            && l.arrivalMs() - eventTs >= 0
                            && l.arrivalMs() - eventTs <= maxDelayMs;
            long arrival = onTime ? eventTs + (long) (r.nextDouble() * maxDelayMs) : l.arrivalMs();
            out.add(new Line(l.key(), l.value(), arrival));
        }
        out.sort(Comparator.comparingLong(Line::arrivalMs));
        return out;
    }
}
