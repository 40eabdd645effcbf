package io.torghut.ta.replay.workflow;

import java.util.regex.Pattern;

/**
 * Validation of REPLAY_ID and ticket ids, and the replay consumer group id derived from REPLAY_ID.
 * The id ends up in a Kafka group id, an S3 prefix and the ledger, so only characters that are safe
 * in all three are allowed.
 */
public final class ReplayIds {
    /** The prefix of every replay consumer group, so replay groups stand out among Kafka's. */
    public static final String GROUP_PREFIX = "torghut-ta-replay-";

    private static final Pattern REPLAY_ID =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,62}[A-Za-z0-9]");
    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    private ReplayIds() {}

    /**
     * Returns null when {@code id} is a valid REPLAY_ID, else a message that names the value and
     * what is allowed.
     */
    public static String replayIdProblem(String id) {
        if (id != null && REPLAY_ID.matcher(id).matches() && !id.contains("--")) {
            return null;
        }
        return "REPLAY_ID '"
                + printable(id)
                + "' is not allowed: use 4 to 64 characters from A-Z a-z 0-9 and '-', starting and"
                + " ending with a letter or digit, no '--' (example: 2026-02-09T0315Z-INC1234)";
    }

    /** Returns null when {@code ticket} is a valid ticket id, else a message naming the rule. */
    public static String ticketProblem(String ticket) {
        if (ticket != null && TICKET.matcher(ticket).matches()) {
            return null;
        }
        return "ticket id '"
                + printable(ticket)
                + "' is not allowed: use 2 to 64 characters from A-Z a-z 0-9 . _ -, starting with"
                + " a letter or digit (example: INC-1234)";
    }

    /** The fresh consumer group of a replay: {@code torghut-ta-replay-<REPLAY_ID>}. */
    public static String groupId(String replayId) {
        return GROUP_PREFIX + replayId;
    }

    /** Shows control characters escaped so a refusal message cannot be spoofed by its input. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .limit(80)
                .forEach(
                        c -> {
                            if (c < 0x20 || c == 0x7f) {
                                b.append(String.format("\\x%02x", c));
                            } else {
                                b.appendCodePoint(c);
                            }
                        });
        return b.toString();
    }
}
