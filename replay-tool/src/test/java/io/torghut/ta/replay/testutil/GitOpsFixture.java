package io.torghut.ta.replay.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A GitOps checkout in a temp directory: a copy of the tool's own test tree
 * (src/test/resources/gitops), or of production's ({@link #production}).
 */
public final class GitOpsFixture {
    public static final String KNATIVE = "argocd/applications/torghut/knative-service.yaml";
    public static final String CONFIGMAP = "argocd/applications/torghut/ta/configmap.yaml";
    public static final String FLINKDEPLOYMENT =
            "argocd/applications/torghut/ta/flinkdeployment.yaml";
    public static final String LEDGER = "argocd/applications/torghut/ta/replay-ledger.jsonl";

    public final Path root;

    private GitOpsFixture(Path root) {
        this.root = root;
    }

    public static GitOpsFixture copyTo(Path dir) {
        Path src = resource("gitops");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GitOpsFixture(dir);
    }

    /** Production's checkout (testkit's production fixtures) written to {@code dir}. */
    public static GitOpsFixture production(Path dir) {
        return new GitOpsFixture(Checkout.PRODUCTION.writeTo(dir));
    }

    public static Path resource(String name) {
        try {
            return Path.of(GitOpsFixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    public String read(String rel) {
        try {
            return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String rel, String text) {
        try {
            Files.writeString(root.resolve(rel), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void appendLedger(String jsonLine) {
        try {
            Files.writeString(
                    root.resolve(LEDGER),
                    jsonLine + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Command-line arguments that point the tool at this tree. */
    public String[] args(String... rest) {
        List<String> a = new ArrayList<>(List.of(rest));
        a.add("--gitops-root");
        a.add(root.toString());
        return a.toArray(String[]::new);
    }

    /** Lines that differ between two texts of equal line count (-1 if the counts differ). */
    public static int changedLines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length != b.length) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                n++;
            }
        }
        return n;
    }
}
