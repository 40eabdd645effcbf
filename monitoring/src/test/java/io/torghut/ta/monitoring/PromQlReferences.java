package io.torghut.ta.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series a PromQL expression reads: its selectors (a metric name or a {@code __name__} matcher,
 * with their label matchers) and the labels it groups or joins by. Enough PromQL for the rules and
 * panels of this folder, whose metrics are Flink's ({@code flink_...}), Prometheus's {@code up} and
 * the rules' own records ({@code ta:...}); not a parser of the whole language.
 */
final class PromQlReferences {
    private PromQlReferences() {}

    /** A label matcher: {@code label op "value"}. */
    record LabelMatcher(String label, String op, String value) {
        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> v.matches(value);
                case "!~" -> !v.matches(value);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    /**
     * One selector: the metric name (null when the name is a {@code __name__} matcher) and the
     * label matchers, {@code __name__} among them.
     */
    record Selector(String name, List<LabelMatcher> matchers, String text) {
        /** Whether a series of this name and these labels is selected. */
        boolean selects(String seriesName, Map<String, String> labels) {
            if (name != null && !name.equals(seriesName)) {
                return false;
            }
            for (LabelMatcher m : matchers) {
                String actual = m.label().equals("__name__") ? seriesName : labels.get(m.label());
                if (!m.matches(actual)) {
                    return false;
                }
            }
            return true;
        }

        /** The same selector without matchers on the given labels. */
        Selector without(Set<String> labels) {
            return new Selector(
                    name,
                    matchers.stream().filter(m -> !labels.contains(m.label())).toList(),
                    text);
        }
    }

    /** What an expression reads. */
    record References(List<Selector> selectors, Set<String> groupingLabels) {}

    private static final Pattern SELECTOR =
            Pattern.compile(
                    "(?<![A-Za-z0-9_:])(flink_[A-Za-z0-9_]+|up|ta:[A-Za-z0-9_:]+)?\\{([^}]*)}");
    private static final Pattern BARE_NAME =
            Pattern.compile(
                    "(?<![A-Za-z0-9_:\"])(flink_[A-Za-z0-9_]+|ta:[A-Za-z0-9_:]+)(?![A-Za-z0-9_:{])");
    private static final Pattern LABEL_MATCHER =
            Pattern.compile(
                    "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern ANNOTATION_LABEL =
            Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LEGEND_LABEL =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    /** The selectors and grouping labels of {@code expr}. */
    static References of(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher s = SELECTOR.matcher(expr);
        StringBuilder rest = new StringBuilder();
        while (s.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            Matcher m = LABEL_MATCHER.matcher(s.group(2));
            while (m.find()) {
                matchers.add(
                        new LabelMatcher(m.group(1), m.group(2), m.group(3).replace("\\\\", "\\")));
            }
            selectors.add(new Selector(s.group(1), matchers, s.group()));
            s.appendReplacement(rest, " ");
        }
        s.appendTail(rest);
        String outsideSelectors = rest.toString();
        Matcher bare = BARE_NAME.matcher(outsideSelectors);
        while (bare.find()) {
            selectors.add(new Selector(bare.group(1), List.of(), bare.group(1)));
        }
        Set<String> grouping = new LinkedHashSet<>();
        Matcher g = GROUPING.matcher(outsideSelectors);
        while (g.find()) {
            for (String label : g.group(2).split(",")) {
                if (!label.isBlank()) {
                    grouping.add(label.trim());
                }
            }
        }
        return new References(selectors, grouping);
    }

    /** The result labels an alert's annotations show ({@code $labels.x}). */
    static Set<String> annotationLabels(String text) {
        return labels(ANNOTATION_LABEL, text);
    }

    /** The result labels a panel's legend shows ({@code {{x}}}). */
    static Set<String> legendLabels(String text) {
        return labels(LEGEND_LABEL, text);
    }

    private static Set<String> labels(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
