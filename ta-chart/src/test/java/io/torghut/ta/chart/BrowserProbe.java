package io.torghut.ta.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens chart pages in a real browser: Debian's headless Chromium driven by Playwright ({@code
 * playwright-core}, installed from npm into {@code target/playwright} on first use), through the
 * script {@code chart-probe.mjs}. Returns its report: per page, each read (the library's series
 * data, visibility, markers; the DOM's messages, switches and read-out), the requests the page
 * tried beyond its own file, and its script errors.
 *
 * <p>A missing Chromium, Node.js or npm fails the test that asked, naming what to install: the
 * browser tests never skip.
 */
public final class BrowserProbe {
    /** The Playwright driving the browser; it downloads no browser of its own. */
    public static final String PLAYWRIGHT_CORE_VERSION = "1.65.1";

    /** Where Chromium is ({@code TA_CHROMIUM} overrides): Debian's {@code chromium} package. */
    public static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("TA_CHROMIUM", "/usr/bin/chromium"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserProbe() {}

    /** Runs the scripts, one browser for all, and returns the report's pages in their order. */
    public static synchronized List<JsonNode> run(Path workDir, List<PageScript> pages)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(
                    "no Chromium at "
                            + CHROMIUM
                            + ": install Debian's chromium (bash .ci/run does), or set TA_CHROMIUM");
        }
        Path modules = playwright();
        Files.createDirectories(workDir);
        Path script = workDir.resolve("chart-probe.mjs");
        try (InputStream in = BrowserProbe.class.getResourceAsStream("chart-probe.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        List<Object> specPages = new ArrayList<>();
        pages.forEach(p -> specPages.add(p.toJson()));
        Path spec = workDir.resolve("probe-spec.json");
        JSON.writeValue(spec.toFile(), Map.of("chromium", CHROMIUM.toString(), "pages", specPages));
        Path out = workDir.resolve("probe-report.json");
        Path err = workDir.resolve("probe-stderr.txt");
        ProcessBuilder pb =
                new ProcessBuilder("node", script.toString(), spec.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        pb.environment().put("TA_PLAYWRIGHT_DIR", modules.toString());
        int code = exec(pb, 120, "node chart-probe.mjs");
        if (code != 0) {
            throw new AssertionError(
                    "the browser probe failed (exit "
                            + code
                            + "): "
                            + Files.readString(err, StandardCharsets.UTF_8));
        }
        List<JsonNode> result = new ArrayList<>();
        JSON.readTree(out.toFile()).get("pages").forEach(result::add);
        return result;
    }

    /** {@code node_modules} holding playwright-core at the pinned version, installed if not. */
    static Path playwright() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "playwright").toAbsolutePath();
        Path modules = prefix.resolve("node_modules");
        Path pkg = modules.resolve("playwright-core/package.json");
        if (Files.isRegularFile(pkg)
                && JSON.readTree(pkg.toFile())
                        .path("version")
                        .asText()
                        .equals(PLAYWRIGHT_CORE_VERSION)) {
            return modules;
        }
        Files.createDirectories(prefix);
        Path log = prefix.resolve("npm-install.log");
        ProcessBuilder pb =
                new ProcessBuilder(
                                "npm",
                                "install",
                                "--prefix",
                                prefix.toString(),
                                "--no-save",
                                "--no-package-lock",
                                "--no-audit",
                                "--no-fund",
                                "--prefer-offline",
                                "playwright-core@" + PLAYWRIGHT_CORE_VERSION)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        int code = exec(pb, 300, "npm install playwright-core");
        if (code != 0 || !Files.isRegularFile(pkg)) {
            throw new AssertionError(
                    "cannot install playwright-core@"
                            + PLAYWRIGHT_CORE_VERSION
                            + " from npm (exit "
                            + code
                            + "): "
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
        return modules;
    }

    private static int exec(ProcessBuilder pb, int seconds, String what)
            throws IOException, InterruptedException {
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(
                    what + " cannot start (" + e.getMessage() + "): install nodejs and npm", e);
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }
}
