package io.torghut.ta.core.bars;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Aggregates one symbol's trades into fixed event-time bars (1 s micro-bars by default), closing
 * each bar once when the watermark passes its end.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>A trade at event time {@code t} belongs to the window {@code [floor(t / w) * w, ... + w)}.
 *   <li>Trades may arrive in any order. Open, high, low, close, volume, notional and count are
 *       computed when the bar closes, from the window's trades in canonical order: by event time,
 *       then {@code seq}, then price, then size. The result is therefore identical, bit for bit,
 *       for any arrival order (floating-point sums are taken in that one order).
 *   <li>A trade equal in all four of (event time, seq, price, size) to one already in its window is
 *       a duplicate (a redelivered record): it is reported as {@link Outcome#DUPLICATE} and not
 *       counted twice.
 *   <li>A window {@code [s, e)} closes when the watermark reaches {@code e - 1 + allowedLateness}
 *       (Flink's convention: a watermark W promises no more events with timestamp &lt;= W). Bars
 *       are emitted in window order. A trade whose window has closed is {@link Outcome#LATE}: it is
 *       reported, never merged, so a bar is emitted exactly once.
 *   <li>Seconds with no trades produce no bar.
 * </ul>
 *
 * <p>Cost: O(1) amortised per trade arriving in order (an append into the window of the previous
 * trade, without division or search), O(k) for a trade that lands k positions before the end of its
 * window; O(n) per bar at close, whose arrays the next second reuses. Memory is the trades of the
 * open windows only, which the watermark bounds.
 */
public final class MicroBarAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happened to a trade given to {@link #add}. */
    public enum Outcome {
        /** Added to its open window. */
        ACCEPTED,
        /** Identical to a trade already in its window; ignored. */
        DUPLICATE,
        /** Its window was already closed by the watermark; reported, not merged. */
        LATE
    }

    private final String symbol;
    private final long windowMs;
    private final long allowedLatenessMs;
    private final ArrayList<Window> open = new ArrayList<>(4);
    private long watermark = Long.MIN_VALUE;

    /** The window the previous trade went to: most trades land in it (no division, no search). */
    private transient Window last;

    /** An emitted window kept for its arrays, so a new second does not allocate. */
    private transient Window spare;

    /**
     * Creates an aggregator.
     *
     * @param symbol the symbol written into every bar
     * @param windowMs bar length in milliseconds, &gt; 0 (1000 for micro-bars)
     * @param allowedLatenessMs extra time after a window's end before it closes, &gt;= 0
     */
    public MicroBarAggregator(String symbol, long windowMs, long allowedLatenessMs) {
        if (symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("symbol must be a non-empty string, got " + symbol);
        }
        if (windowMs <= 0) {
            throw new IllegalArgumentException("windowMs must be > 0, got " + windowMs);
        }
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException(
                    "allowedLatenessMs must be >= 0, got " + allowedLatenessMs);
        }
        this.symbol = symbol;
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /**
     * Adds a trade.
     *
     * <p>Adding never closes a window: only {@link #advance} does. So the open windows, and with
     * them {@link #nextFireTimestamp}, change in an add only when the trade opens a window ({@link
     * #openWindows} grows by one); callers that keep a timer rely on this.
     *
     * @param eventTimeMs trade time, epoch milliseconds
     * @param seq the trade's sequence number, the tie-breaker for equal event times
     * @param price trade price, finite and &gt; 0
     * @param size trade size, finite and &gt;= 0
     * @param currentWatermark the caller's current watermark ({@code Long.MIN_VALUE} if none)
     * @return whether the trade was accepted, a duplicate or late
     * @throws IllegalArgumentException for a non-finite or non-positive price or a negative size
     */
    public Outcome add(
            long eventTimeMs, long seq, double price, double size, long currentWatermark) {
        if (!(Double.isFinite(price) && price > 0)) {
            throw new IllegalArgumentException("price must be a finite number > 0, got " + price);
        }
        if (!(Double.isFinite(size) && size >= 0)) {
            throw new IllegalArgumentException("size must be a finite number >= 0, got " + size);
        }
        if (currentWatermark > watermark) {
            watermark = currentWatermark;
        }
        Window w = last;
        long start;
        if (w != null && eventTimeMs >= w.start && eventTimeMs - w.start < windowMs) {
            start = w.start;
        } else {
            start = Math.floorDiv(eventTimeMs, windowMs) * windowMs;
            w = null;
        }
        if (fireTimestamp(start) <= watermark) {
            return Outcome.LATE;
        }
        if (w == null) {
            w = windowFor(start);
            last = w;
        }
        return w.insert(eventTimeMs, seq, price, size) ? Outcome.ACCEPTED : Outcome.DUPLICATE;
    }

    private Window windowFor(long start) {
        for (int i = open.size() - 1; i >= 0; i--) {
            Window w = open.get(i);
            if (w.start == start) {
                return w;
            }
            if (w.start < start) {
                Window created = newWindow(start);
                open.add(i + 1, created);
                return created;
            }
        }
        Window created = newWindow(start);
        open.add(0, created);
        return created;
    }

    private Window newWindow(long start) {
        Window w = spare;
        if (w == null) {
            return new Window(start);
        }
        spare = null;
        w.reuse(start);
        return w;
    }

    /**
     * Advances the watermark and emits, in window order, every bar whose window it closes.
     *
     * @return the number of bars emitted
     */
    public int advance(long newWatermark, Consumer<Bar> out) {
        if (newWatermark > watermark) {
            watermark = newWatermark;
        }
        int emitted = 0;
        while (!open.isEmpty() && fireTimestamp(open.get(0).start) <= watermark) {
            Window closed = open.remove(0);
            out.accept(closed.toBar(symbol, windowMs));
            if (closed == last) {
                last = null;
            }
            spare = closed;
            emitted++;
        }
        return emitted;
    }

    /** Convenience form of {@link #advance(long, Consumer)} returning the bars as a list. */
    public List<Bar> advance(long newWatermark) {
        List<Bar> bars = new ArrayList<>();
        advance(newWatermark, bars::add);
        return bars;
    }

    /**
     * The watermark at which the earliest open window closes (its end - 1 + allowed lateness), or
     * {@link Long#MAX_VALUE} when nothing is open: the time to register an event-time timer for.
     */
    public long nextFireTimestamp() {
        return open.isEmpty() ? Long.MAX_VALUE : fireTimestamp(open.get(0).start);
    }

    /** The watermark at which the window starting at {@code start} closes. */
    public long fireTimestamp(long start) {
        return start + windowMs - 1 + allowedLatenessMs;
    }

    /** Number of windows with trades not yet emitted. */
    public int openWindows() {
        return open.size();
    }

    /** Number of trades held in open windows. */
    public int bufferedTrades() {
        int n = 0;
        for (Window w : open) {
            n += w.size;
        }
        return n;
    }

    /** The highest watermark seen. */
    public long watermark() {
        return watermark;
    }

    /** The trades of one open window, kept in canonical order. */
    private static final class Window implements Serializable {
        private static final long serialVersionUID = 1L;
        private long start;
        private long[] times = new long[4];
        private long[] seqs = new long[4];
        private double[] prices = new double[4];
        private double[] sizes = new double[4];
        private int size;

        Window(long start) {
            this.start = start;
        }

        /** Empties the window for another second, keeping its arrays. */
        void reuse(long newStart) {
            start = newStart;
            size = 0;
        }

        /** Shifts of up to this many trades are done in a loop. */
        private static final int SHORT_SHIFT = 8;

        /** Inserts in canonical order; false when an identical trade is already present. */
        boolean insert(long t, long seq, double price, double qty) {
            int pos = size;
            while (pos > 0) {
                int c = compareAt(pos - 1, t, seq, price, qty);
                if (c == 0) {
                    return false;
                }
                if (c < 0) {
                    break;
                }
                pos--;
            }
            if (size == times.length) {
                int cap = size * 2;
                times = Arrays.copyOf(times, cap);
                seqs = Arrays.copyOf(seqs, cap);
                prices = Arrays.copyOf(prices, cap);
                sizes = Arrays.copyOf(sizes, cap);
            }
            if (pos < size) {
                shiftRight(pos);
            }
            times[pos] = t;
            seqs[pos] = seq;
            prices[pos] = price;
            sizes[pos] = qty;
            size++;
            return true;
        }

        /**
         * Moves the trades from {@code pos} one place up. Kept out of {@link #insert}, so the
         * in-order path stays small enough to inline.
         */
        private void shiftRight(int pos) {
            int n = size - pos;
            if (n <= SHORT_SHIFT) {
                // A trade a few places out of order (the usual case): a loop beats four arraycopy
                // calls, whose set-up dominates for so few elements.
                for (int i = size; i > pos; i--) {
                    times[i] = times[i - 1];
                    seqs[i] = seqs[i - 1];
                    prices[i] = prices[i - 1];
                    sizes[i] = sizes[i - 1];
                }
            } else {
                System.arraycopy(times, pos, times, pos + 1, n);
                System.arraycopy(seqs, pos, seqs, pos + 1, n);
                System.arraycopy(prices, pos, prices, pos + 1, n);
                System.arraycopy(sizes, pos, sizes, pos + 1, n);
            }
        }

        private int compareAt(int i, long t, long seq, double price, double qty) {
            int c = Long.compare(times[i], t);
            if (c != 0) {
                return c;
            }
            c = Long.compare(seqs[i], seq);
            if (c != 0) {
                return c;
            }
            c = Double.compare(prices[i], price);
            return c != 0 ? c : Double.compare(sizes[i], qty);
        }

        Bar toBar(String symbol, long windowMs) {
            double high = prices[0];
            double low = prices[0];
            double volume = 0;
            double notional = 0;
            for (int i = 0; i < size; i++) {
                double p = prices[i];
                if (p > high) {
                    high = p;
                }
                if (p < low) {
                    low = p;
                }
                volume += sizes[i];
                notional += p * sizes[i];
            }
            return new Bar(
                    symbol,
                    start,
                    start + windowMs,
                    prices[0],
                    high,
                    low,
                    prices[size - 1],
                    volume,
                    notional,
                    size,
                    true);
        }
    }
}
