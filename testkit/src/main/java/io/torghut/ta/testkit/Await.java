package io.torghut.ta.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a test waits for something: poll a condition until it holds or a deadline passes,
 * then fail naming what was awaited, for how long, and the last value or error seen.
 *
 * <p>A condition that throws (a REST endpoint answering 500 while the job initializes, a server
 * restarting) counts as not yet. The pause between polls is twice the time the last poll took (at
 * least 100 ms, at most 2 s), so a cheap condition is seen at once and one that reads a whole topic
 * does not keep the machine's two cores busy.
 */
public final class Await {
    private static final long MIN_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2000;

    private Await() {}

    /** Waits until {@code condition} holds; fails after {@code timeout} naming {@code what}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, done -> done);
    }

    /**
     * Polls {@code supplier} until {@code done} accepts its value and returns that value; fails
     * after {@code timeout} naming {@code what} and the last value.
     */
    public static <T> T value(
            String what, Duration timeout, Supplier<T> supplier, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        T last = null;
        while (true) {
            long started = System.nanoTime();
            try {
                last = supplier.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            long took = (System.nanoTime() - started) / 1_000_000;
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after "
                                + timeout
                                + " waiting for "
                                + what
                                + (lastError == null ? "; last seen: " + abbreviate(last) : ""),
                        lastError);
            }
            sleep(Duration.ofMillis(Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, 2 * took))));
        }
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 500 ? s : s.substring(0, 500) + "... (" + s.length() + " chars)";
    }

    /** Sleeps, turning an interrupt into an unchecked failure (the flag stays set). */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
