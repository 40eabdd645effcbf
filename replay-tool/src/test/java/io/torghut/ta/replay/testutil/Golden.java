package io.torghut.ta.replay.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file assertions. Every mismatch (or missing golden) writes the actual text under
 * target/golden-actual for a reviewer to diff; goldens are never rewritten by tests. Mismatches are
 * collected so one run shows all of them, and {@link #verify()} fails if there was any.
 */
public final class Golden {
    private final List<String> mismatches = new ArrayList<>();

    public void check(String goldenResource, String actual) {
        Path actualOut = Path.of("target", "golden-actual", goldenResource);
        String expected = null;
        try {
            expected =
                    Files.readString(
                            GitOpsFixture.resource(goldenResource), StandardCharsets.UTF_8);
        } catch (IllegalStateException | IOException e) {
            // Missing golden: reported below like a mismatch.
        }
        if (!actual.equals(expected)) {
            write(actualOut, actual);
            mismatches.add(goldenResource + (expected == null ? " (missing)" : " (differs)"));
        }
    }

    /** Fails naming every golden that did not match. */
    public void verify() {
        assertThat(mismatches)
                .as("goldens differing; actual files under target/golden-actual")
                .isEmpty();
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
