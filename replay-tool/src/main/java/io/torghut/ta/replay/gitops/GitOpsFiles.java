package io.torghut.ta.replay.gitops;

import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/** Where the GitOps files and the replay ledger live in a checkout. */
public final class GitOpsFiles {
    /** Default ledger path: beside the TA manifests, with an extension Argo CD does not apply. */
    public static final String DEFAULT_LEDGER =
            "argocd/applications/torghut/ta/replay-ledger.jsonl";

    private final Path root;
    private final Map<FileRole, Path> paths;
    private final Path ledger;

    public GitOpsFiles(Path root, Map<FileRole, Path> overrides, Path ledger) {
        this.root = root;
        this.paths = new EnumMap<>(FileRole.class);
        for (FileRole role : FileRole.values()) {
            Path p = overrides.get(role);
            paths.put(role, root.resolve(p != null ? p : Path.of(role.defaultPath())));
        }
        this.ledger = root.resolve(ledger != null ? ledger : Path.of(DEFAULT_LEDGER));
    }

    public Path path(FileRole role) {
        return paths.get(role);
    }

    public Path ledger() {
        return ledger;
    }

    /** The path as shown to people: relative to the GitOps root when it is inside it. */
    public String display(FileRole role) {
        return display(paths.get(role));
    }

    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return abs.startsWith(r) ? r.relativize(abs).toString() : p.toString();
    }

    /**
     * Reads all three files. A missing, unreadable or syntactically invalid file is a {@link
     * BadInputException} that names the file (and the option that moves it).
     */
    public Texts load() {
        Map<FileRole, String> texts = new EnumMap<>(FileRole.class);
        for (FileRole role : FileRole.values()) {
            Path p = paths.get(role);
            String what = "the " + role.description() + " file " + display(role);
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(
                        what + " does not exist (set its path with --" + role.option() + ")");
            }
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(
                        "cannot read " + what + ": " + InputFiles.describe(e), e);
            }
            // Every later read and edit assumes valid YAML; say so here, with the file's name.
            YamlScalarEditor.syntaxProblem(text)
                    .ifPresent(
                            problem -> {
                                throw new BadInputException(
                                        what + " is not valid YAML: " + problem);
                            });
            texts.put(role, text);
        }
        return new Texts(texts);
    }

    /** Writes the files whose text differs; each through a temp file and an atomic rename. */
    public void write(Texts before, Texts after) {
        for (FileRole role : FileRole.values()) {
            if (!before.text(role).equals(after.text(role))) {
                writeAtomically(paths.get(role), after.text(role));
            }
        }
    }

    static void writeAtomically(Path target, String text) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".replay-tool.tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot write " + target + ": " + InputFiles.describe(e), e);
        }
    }
}
