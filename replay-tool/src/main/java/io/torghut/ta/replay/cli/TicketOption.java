package io.torghut.ta.replay.cli;

import picocli.CommandLine.Option;

/** {@code --ticket}: the ticket or incident id a replay records (Mode 2 requires one). */
public final class TicketOption {
    @Option(
            names = "--ticket",
            converter = TicketConverter.class,
            description =
                    "Ticket or incident id to record (optional in Mode 1, required in Mode 2).")
    String ticket;

    /** The validated ticket id, or null when none was given. */
    public String get() {
        return ticket;
    }
}
