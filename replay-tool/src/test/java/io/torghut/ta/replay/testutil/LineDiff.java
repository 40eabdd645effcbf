package io.torghut.ta.replay.testutil;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines one text removes and adds to become another, by a longest common subsequence of whole
 * lines (the texts here are a few hundred lines, so the quadratic table is cheap). Golden tests use
 * it to prove that a step touched only the lines of the scalars it edits, inserted ones included.
 *
 * @param removed lines of the old text that are not in the new one, in order
 * @param added lines of the new text that are not in the old one, in order
 */
public record LineDiff(List<String> removed, List<String> added) {

    /** The diff from {@code before} to {@code after}. */
    public static LineDiff of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] =
                        a[i].equals(b[j])
                                ? lcs[i + 1][j + 1] + 1
                                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                removed.add(a[i++]);
            } else {
                added.add(b[j++]);
            }
        }
        while (i < a.length) {
            removed.add(a[i++]);
        }
        while (j < b.length) {
            added.add(b[j++]);
        }
        return new LineDiff(List.copyOf(removed), List.copyOf(added));
    }

    /** The YAML keys of {@code lines}: the text before the first colon, without "- " or spaces. */
    public static List<String> keys(List<String> lines) {
        return lines.stream()
                .map(String::strip)
                .map(l -> l.startsWith("- ") ? l.substring(2) : l)
                .map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')) : l)
                .toList();
    }
}
