package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Volume-weighted average price anchored to a trading session, reset when the session changes.
 *
 * <p>Formula: {@code VWAP = sum(notional) / sum(volume)} since the start of the session that the
 * newest timestamp belongs to. A session is one calendar day in the given time zone (by default
 * America/New_York, so the anchor is midnight New York time and pre-market trades count towards the
 * day they happen in). Fed with bars, notional is the bar's trade notional {@code sum(p * q)}. The
 * original job never reset and weighted closes; this one resets daily and weights trades.
 *
 * <p>Parameters: {@code zone}, the time zone whose calendar days are the sessions.
 *
 * <p>Warm-up: NaN until the current session has seen volume &gt; 0 (so also right after each
 * session change until the first traded volume).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged; negative
 * volume is rejected, and a timestamp from an earlier session than the current one is rejected.
 *
 * <p>Cost: O(1) time and memory per update; the zone rules are consulted only when a timestamp
 * leaves the cached session's bounds.
 */
public final class SessionVwap implements Indicator {
    private static final long serialVersionUID = 1L;

    /** The default session zone: US equities trade on New York days. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final ZoneId zone;
    private long sessionStartMs = Long.MIN_VALUE;
    private long sessionEndMs = Long.MIN_VALUE;
    private double notional;
    private double volume;

    /** Creates a session VWAP whose sessions are calendar days in {@code zone}. */
    public SessionVwap(ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("zone must be a time zone id, got null");
        }
        this.zone = zone;
    }

    /** Creates a session VWAP over New York trading days. */
    public SessionVwap() {
        this(NEW_YORK);
    }

    private SessionVwap(SessionVwap other) {
        this.zone = other.zone;
        this.sessionStartMs = other.sessionStartMs;
        this.sessionEndMs = other.sessionEndMs;
        this.notional = other.notional;
        this.volume = other.volume;
    }

    /** Adds traded notional and volume at a timestamp and returns the session VWAP or NaN. */
    public double update(long timestampMs, double tradedNotional, double tradedVolume) {
        Checks.finite("notional", tradedNotional);
        Checks.nonNegative("volume", tradedVolume);
        if (timestampMs < sessionStartMs) {
            throw new IllegalArgumentException(
                    "timestampMs must not be before the current session, which started at "
                            + Instant.ofEpochMilli(sessionStartMs)
                            + ", got "
                            + Instant.ofEpochMilli(timestampMs));
        }
        if (timestampMs >= sessionEndMs) {
            startSession(timestampMs);
        }
        notional += tradedNotional;
        volume += tradedVolume;
        return value();
    }

    private void startSession(long timestampMs) {
        LocalDate day = Instant.ofEpochMilli(timestampMs).atZone(zone).toLocalDate();
        sessionStartMs = day.atStartOfDay(zone).toInstant().toEpochMilli();
        sessionEndMs = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        notional = 0;
        volume = 0;
    }

    /** The current session VWAP, or NaN before the session's first volume. */
    public double value() {
        return volume > 0 ? notional / volume : Double.NaN;
    }

    /** Start of the current session in epoch milliseconds, or {@code Long.MIN_VALUE}. */
    public long sessionStartMs() {
        return sessionStartMs;
    }

    /** The zone whose calendar days are the sessions. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean isReady() {
        return volume > 0;
    }

    @Override
    public void reset() {
        sessionStartMs = Long.MIN_VALUE;
        sessionEndMs = Long.MIN_VALUE;
        notional = 0;
        volume = 0;
    }

    /**
     * Writes the state ({@link IndicatorState}): nothing more than a flag before the first session;
     * then the session's bounds (the end as a length, a day of 23 to 25 hours), its notional, and
     * its volume as a whole number when it is one.
     */
    void writeState(DataOutput out) throws IOException {
        boolean inSession = sessionStartMs != Long.MIN_VALUE;
        out.writeByte(inSession ? 1 : 0);
        if (inSession) {
            StateIo.writeZigZag(out, sessionStartMs);
            StateIo.writeVarLong(out, sessionEndMs - sessionStartMs);
            StateIo.writeDouble(out, notional);
            StateIo.writeNumber(out, volume);
        }
    }

    /** Restores what {@link #writeState} wrote into a session VWAP of the same zone. */
    void readState(DataInput in) throws IOException {
        if (StateIo.readFlags(in, 1, toString()) == 0) {
            reset();
            return;
        }
        sessionStartMs = StateIo.readZigZag(in);
        sessionEndMs =
                sessionStartMs
                        + StateIo.readVarLong(
                                in, 1, 7 * 86_400_000L, toString() + " session length");
        notional = StateIo.readDouble(in);
        volume = StateIo.readNumber(in);
    }

    @Override
    public SessionVwap copy() {
        return new SessionVwap(this);
    }

    @Override
    public String toString() {
        return "SESSION_VWAP(" + zone + ")";
    }
}
