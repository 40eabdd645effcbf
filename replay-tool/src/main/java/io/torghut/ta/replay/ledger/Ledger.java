package io.torghut.ta.replay.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Loads the ledger; a missing file is an empty ledger, a corrupt line is an error. */
    public static Ledger load(Path path) {
        List<LedgerEvent> events = new ArrayList<>();
        if (Files.exists(path)) {
            try {
                int n = 0;
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        events.add(JSON.readValue(line, LedgerEvent.class));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(
                                "replay ledger " + path + " line " + n + " is not a ledger event",
                                e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            throw new UncheckedIOException(e);
        }
    }

    /** Serializes one event the way {@link #append} writes it (for dry runs and tests). */
    public static String toLine(LedgerEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
