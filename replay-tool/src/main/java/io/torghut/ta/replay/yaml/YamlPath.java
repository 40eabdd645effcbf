package io.torghut.ta.replay.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to one scalar in a YAML document: dotted mapping keys, {@code [N]} list indexes, {@code
 * [*]} (first list item under which the rest of the path resolves) and {@code [field=value]} (the
 * list item whose {@code field} equals {@code value}), e.g. {@code
 * spec.template.spec.containers[*].env[name=TRADING_ENABLED].value}.
 */
public final class YamlPath {
    private static final Pattern SEGMENT =
            Pattern.compile("([^.\\[\\]]+)|\\[(\\*|\\d+|[^=\\]]+=[^\\]]*)\\]|\\.");

    /** One step of a path. */
    public sealed interface Segment permits Key, Index, AnyItem, Match {}

    /** A mapping key. */
    public record Key(String name) implements Segment {}

    /** A list position. */
    public record Index(int index) implements Segment {}

    /** Any list item under which the rest of the path resolves; the first one wins. */
    public record AnyItem() implements Segment {}

    /** The list item that is a mapping whose {@code field} has the scalar value {@code value}. */
    public record Match(String field, String value) implements Segment {}

    private final String text;
    private final List<Segment> segments;

    private YamlPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** Parses the dotted form; rejects empty segments so a typo never selects the wrong node. */
    public static YamlPath parse(String text) {
        if (text.isEmpty() || text.contains("..") || text.startsWith(".") || text.endsWith(".")) {
            throw new IllegalArgumentException("bad YAML path '" + text + "': empty segment");
        }
        List<Segment> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("bad YAML path '" + text + "' at " + pos);
            }
            if (m.group(1) != null) {
                segments.add(new Key(m.group(1)));
            } else if (m.group(2) != null) {
                String inner = m.group(2);
                if (inner.equals("*")) {
                    segments.add(new AnyItem());
                } else if (inner.chars().allMatch(Character::isDigit)) {
                    segments.add(new Index(Integer.parseInt(inner)));
                } else {
                    int eq = inner.indexOf('=');
                    segments.add(new Match(inner.substring(0, eq), inner.substring(eq + 1)));
                }
            }
            pos = m.end();
        }
        if (segments.isEmpty() || !(segments.get(segments.size() - 1) instanceof Key)) {
            throw new IllegalArgumentException("YAML path must end in a key: '" + text + "'");
        }
        return new YamlPath(text, segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The final key, the one whose value is read or written. */
    public String leafKey() {
        return ((Key) segments.get(segments.size() - 1)).name();
    }

    /** The path without its final key. */
    public List<Segment> parentSegments() {
        return segments.subList(0, segments.size() - 1);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YamlPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
