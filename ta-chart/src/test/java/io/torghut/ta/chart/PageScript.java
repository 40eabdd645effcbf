package io.torghut.ta.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link BrowserProbe} does on one chart page, step by step: wait until it is drawn, read what
 * it shows (under a name), click, choose an option, move the mouse over the chart, screenshot.
 */
public final class PageScript {
    private final Path file;
    private final List<Map<String, Object>> steps = new ArrayList<>();

    private PageScript(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** A script for the page in {@code file}; it starts by waiting until the page is drawn. */
    public static PageScript open(Path file) {
        return new PageScript(file).step("wait");
    }

    /** Reads what the page shows, reported under {@code name}. */
    public PageScript read(String name) {
        return step("read", "as", name);
    }

    /** Clicks the element of {@code selector}, as a person would. */
    public PageScript click(String selector) {
        return step("click", "selector", selector);
    }

    /** Chooses {@code value} in the select element of {@code selector}. */
    public PageScript select(String selector, String value) {
        return step("select", "selector", selector, "value", value);
    }

    /** Moves the mouse to ({@code x}, {@code y}), fractions of the chart's box. */
    public PageScript hover(double x, double y) {
        return step("hover", "x", x, "y", y);
    }

    /** Writes a screenshot of the whole page to {@code png}. */
    public PageScript screenshot(Path png) {
        return step("screenshot", "path", png.toAbsolutePath().toString());
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("steps", steps);
        return out;
    }

    private PageScript step(String what, Object... keyValues) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("do", what);
        for (int i = 0; i < keyValues.length; i += 2) {
            step.put((String) keyValues[i], keyValues[i + 1]);
        }
        steps.add(step);
        return this;
    }
}
