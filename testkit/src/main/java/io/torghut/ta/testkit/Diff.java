package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares keyed rows and reports the first few differences instead of whole maps. */
public final class Diff {
    private Diff() {}

    /**
     * Fails listing missing, unexpected and different rows (at most 5 of each). Values are compared
     * exactly, those that went through ClickHouse too: the sinks write doubles in binary.
     */
    public static <V> void assertSameRows(
            Map<String, V> actual, Map<String, V> expected, String what) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String k : new TreeSet<>(expected.keySet())) {
            if (!actual.containsKey(k)) {
                missing.add(k);
            } else if (!actual.get(k).equals(expected.get(k))) {
                different.add(
                        k
                                + "\n      expected "
                                + expected.get(k)
                                + "\n      actual   "
                                + actual.get(k));
            }
        }
        for (String k : new TreeSet<>(actual.keySet())) {
            if (!expected.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !different.isEmpty()) {
            fail(
                    "%s: %d expected, %d actual; %d missing %s; %d unexpected %s; %d different:%n"
                            + "    %s",
                    what,
                    expected.size(),
                    actual.size(),
                    missing.size(),
                    head(missing),
                    unexpected.size(),
                    head(unexpected),
                    different.size(),
                    String.join("\n    ", head(different)));
        }
    }

    private static List<String> head(List<String> l) {
        return l.subList(0, Math.min(5, l.size()));
    }
}
