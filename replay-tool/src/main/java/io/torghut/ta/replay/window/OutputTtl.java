package io.torghut.ta.replay.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The row TTL of a ClickHouse table, read from its definition: {@code create_table_query} in {@code
 * system.tables} (ClickHouse writes intervals there as {@code toIntervalDay(35)}) or a DDL
 * statement ({@code INTERVAL 35 DAY}). Only the table's own TTL clause counts, not column TTLs, and
 * only its delete rules, not moves or recompressions; the shortest of them is when rows go.
 */
public final class OutputTtl {
    private static final Pattern TO_INTERVAL =
            Pattern.compile(
                    "\\+\\s*toInterval(Second|Minute|Hour|Day|Week|Month|Quarter|Year)\\(\\s*(\\d+)\\s*\\)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern INTERVAL =
            Pattern.compile(
                    "\\+\\s*INTERVAL\\s+'?(\\d+)'?\\s+(SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR)\\b",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_DELETE =
            Pattern.compile(
                    "\\b(TO\\s+DISK|TO\\s+VOLUME|RECOMPRESS|GROUP\\s+BY)\\b",
                    Pattern.CASE_INSENSITIVE);

    private OutputTtl() {}

    /** What a table definition says about row expiry. */
    public sealed interface Reading {
        /** Rows are deleted {@code ttl} after their TTL column's time. */
        record Expires(Duration ttl) implements Reading {}

        /** The table has no row TTL: rows stay until deleted by hand. */
        record NoTtl() implements Reading {}

        /** The TTL clause is not one this reader understands; {@code clause} is its text. */
        record Unreadable(String clause) implements Reading {}
    }

    /** The row TTL of the table {@code definition} creates or sets ({@code MODIFY TTL}). */
    public static Reading of(String definition) {
        Optional<String> clause = tableTtlClause(definition);
        if (clause.isEmpty()) {
            return new Reading.NoTtl();
        }
        Duration shortest = null;
        for (String rule : topLevel(clause.get(), ',')) {
            if (NOT_A_DELETE.matcher(rule).find()) {
                continue;
            }
            Optional<Duration> d = interval(rule);
            if (d.isEmpty()) {
                return new Reading.Unreadable(clause.get().strip());
            }
            shortest = shortest == null || d.get().compareTo(shortest) < 0 ? d.get() : shortest;
        }
        return shortest == null ? new Reading.NoTtl() : new Reading.Expires(shortest);
    }

    /**
     * The SQL that reads the definitions of {@code tables} in {@code database}; both are SQL names
     * the callers have checked (letters, digits, underscores).
     */
    public static String query(String database, List<String> tables) {
        for (String n : concat(database, tables)) {
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain SQL name: " + n);
            }
        }
        return "SELECT name, create_table_query FROM system.tables WHERE database = '"
                + database
                + "' AND name IN ('"
                + String.join("', '", tables)
                + "') ORDER BY name";
    }

    /**
     * The table-level TTL clause: the text after a {@code TTL} keyword outside every parenthesis
     * (column TTLs sit inside the column list) up to {@code SETTINGS} or the end.
     */
    private static Optional<String> tableTtlClause(String sql) {
        String s = sql.replaceAll("--[^\\n]*", " ");
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && keywordAt(s, i, "TTL")) {
                String rest = s.substring(i + 3);
                Matcher end =
                        Pattern.compile("\\bSETTINGS\\b|;", Pattern.CASE_INSENSITIVE).matcher(rest);
                return Optional.of(end.find() ? rest.substring(0, end.start()) : rest);
            }
        }
        return Optional.empty();
    }

    private static boolean keywordAt(String s, int i, String word) {
        int end = i + word.length();
        return s.regionMatches(true, i, word, 0, word.length())
                && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')
                && (end == s.length()
                        || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_');
    }

    private static List<String> topLevel(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static Optional<Duration> interval(String rule) {
        Matcher f = TO_INTERVAL.matcher(rule);
        if (f.find()) {
            return Optional.of(duration(Long.parseLong(f.group(2)), f.group(1)));
        }
        Matcher k = INTERVAL.matcher(rule);
        if (k.find()) {
            return Optional.of(duration(Long.parseLong(k.group(1)), k.group(2)));
        }
        return Optional.empty();
    }

    /**
     * The interval as a duration; months, quarters and years at their shortest (28, 89 and 365
     * days), so a window is never judged kept longer than ClickHouse keeps it.
     */
    private static Duration duration(long n, String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "SECOND" -> Duration.ofSeconds(n);
            case "MINUTE" -> Duration.ofMinutes(n);
            case "HOUR" -> Duration.ofHours(n);
            case "DAY" -> Duration.ofDays(n);
            case "WEEK" -> Duration.ofDays(7 * n);
            case "MONTH" -> Duration.ofDays(28 * n);
            case "QUARTER" -> Duration.ofDays(89 * n);
            case "YEAR" -> Duration.ofDays(365 * n);
            default -> throw new IllegalArgumentException("interval unit " + unit);
        };
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }
}
