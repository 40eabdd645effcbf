package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares keyed rows and reports the first few differences instead of whole maps. */
public final class Diff {
    private Diff() {}

    /** Fails listing missing, unexpected and different rows (at most 5 of each). */
    public static <V> void assertSameRows(
            Map<String, V> actual, Map<String, V> expected, String what) {
        assertSameRows(actual, expected, what, 0);
    }

    /**
     * Like {@link #assertSameRows(Map, Map, String)} for rows of strings, where numbers may differ
     * by at most {@code ulps} units in the last place. Used only for values that went through
     * ClickHouse 18.16's text float parser, which is not correctly rounded (it can be 1 ulp off);
     * everything else is compared exactly.
     */
    public static <V> void assertSameRows(
            Map<String, V> actual, Map<String, V> expected, String what, int ulps) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String k : new TreeSet<>(expected.keySet())) {
            if (!actual.containsKey(k)) {
                missing.add(k);
            } else if (!same(actual.get(k), expected.get(k), ulps)) {
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

    private static boolean same(Object a, Object e, int ulps) {
        if (a.equals(e)) {
            return true;
        }
        if (ulps == 0
                || !(a instanceof List<?> la)
                || !(e instanceof List<?> le)
                || la.size() != le.size()) {
            return false;
        }
        for (int i = 0; i < la.size(); i++) {
            String x = String.valueOf(la.get(i));
            String y = String.valueOf(le.get(i));
            if (x.equals(y)) {
                continue;
            }
            try {
                double dx = Double.parseDouble(x);
                double dy = Double.parseDouble(y);
                double bound = ulps * Math.ulp(Math.max(Math.abs(dx), Math.abs(dy)));
                if (Math.abs(dx - dy) > bound) {
                    return false;
                }
            } catch (NumberFormatException notNumbers) {
                return false;
            }
        }
        return true;
    }

    private static List<String> head(List<String> l) {
        return l.subList(0, Math.min(5, l.size()));
    }
}
