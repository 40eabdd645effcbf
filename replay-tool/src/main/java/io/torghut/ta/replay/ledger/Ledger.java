package io.torghut.ta.replay.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only replay ledger in the GitOps tree: one JSON object per line (JSON Lines), so every
 * step is one reviewable added line in the GitOps commit and Argo CD never applies the file.
 */
public final class Ledger {
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path path;
    private final List<LedgerEvent> events;

    private Ledger(Path path, List<LedgerEvent> events) {
        this.path = path;
        this.events = events;
    }

    /**
     * Loads the ledger; a missing file is an empty ledger. An unreadable file or a line that is not
     * a ledger event (no replayId or mode) is a {@link BadInputException} naming the line.
     */
    public static Ledger load(Path path) {
        List<LedgerEvent> events = new ArrayList<>();
        if (!Files.exists(path)) {
            return new Ledger(path, events);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot read the replay ledger " + path + ": " + InputFiles.describe(e), e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            LedgerEvent event;
            try {
                event = JSON.readValue(line, LedgerEvent.class);
            } catch (JsonProcessingException e) {
                throw new BadInputException(
                        "replay ledger "
                                + path
                                + " line "
                                + n
                                + " is not a ledger event: "
                                + e.getOriginalMessage(),
                        e);
            }
            if (event.replayId() == null || event.mode() == null) {
                throw new BadInputException(
                        "replay ledger "
                                + path
                                + " line "
                                + n
                                + " is not a ledger event: it has no replayId or mode");
            }
            events.add(event);
        }
        return new Ledger(path, events);
    }

    public List<LedgerEvent> events() {
        return List.copyOf(events);
    }

    public Optional<ReplayRecord> replay(String replayId) {
        return ReplayRecord.fold(replayId, events);
    }

    /** Every consumer group id the ledger has seen, as a replay group or as a PREV group. */
    public Set<String> usedGroupIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (LedgerEvent e : events) {
            if (e.groupId() != null) {
                ids.add(e.groupId());
            }
            if (e.prev() != null && e.prev().get("TA_GROUP_ID") != null) {
                ids.add(e.prev().get("TA_GROUP_ID"));
            }
        }
        return ids;
    }

    /** Appends one event as one line and keeps it in memory. */
    public void append(LedgerEvent event) {
        try {
            String line = JSON.writeValueAsString(event) + "\n";
            Files.writeString(
                    path,
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            events.add(event);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot append to the replay ledger " + path + ": " + InputFiles.describe(e),
                    e);
        }
    }

    /** Serializes one event the way {@link #append} writes it (for dry runs and tests). */
    public static String toLine(LedgerEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // A record of strings, numbers and maps always serializes: failing is a bug.
            throw new IllegalStateException(e);
        }
    }
}
