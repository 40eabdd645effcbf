package io.torghut.ta.job.operators;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys a stream by symbol and hands out one canonical {@code String} per symbol.
 *
 * <p>Every record crosses the network, so each arrives with its own copy of the symbol. Keyed state
 * and timers keep the key they were given, and each state access hashes it: with a fresh copy per
 * record, the timer heap holds a million one-off strings, and a timer that fires touches a copy
 * gone cold in memory. A small direct-mapped cache returns the copy seen first instead, so the keys
 * of the state maps and timers are a few hundred hot objects. A collision only replaces the entry;
 * equal strings stay equal, so the key group, the state and the output are the same either way.
 *
 * <p>Each task deserializes its own instance and uses it from its task thread; the cache is
 * transient and racy by design (its entries are immutable strings).
 *
 * @param <T> the record type
 */
public final class SymbolKey<T> implements KeySelector<T, String> {
    private static final long serialVersionUID = 1L;
    private static final int SLOTS = 4096;

    private final KeySelector<T, String> symbol;
    private transient String[] canonical;

    private SymbolKey(KeySelector<T, String> symbol) {
        this.symbol = symbol;
    }

    /** Keys by the symbol {@code symbol} reads from a record. */
    public static <T> SymbolKey<T> of(KeySelector<T, String> symbol) {
        return new SymbolKey<>(symbol);
    }

    @Override
    public String getKey(T value) throws Exception {
        String s = symbol.getKey(value);
        if (s == null) {
            return null;
        }
        String[] cache = canonical;
        if (cache == null) {
            cache = new String[SLOTS];
            canonical = cache;
        }
        int slot = s.hashCode() & (SLOTS - 1);
        String known = cache[slot];
        if (known != null && known.equals(s)) {
            return known;
        }
        cache[slot] = s;
        return s;
    }
}
