package io.torghut.ta.replay.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Where one replay stands, folded from its ledger events in order. */
public final class ReplayRecord {
    private final String replayId;
    private String mode;
    private String ticket;
    private String groupId;
    private Map<String, String> prev;
    private String restorePath;
    private LedgerEvent.BackupRecord backup;
    private boolean windowFeasible;
    private LedgerEvent.WindowRecord window;
    private boolean verifyPassed;
    private boolean rolledBack;
    private final SortedSet<Integer> stepsDone = new TreeSet<>();
    private final Map<String, String> actionTimes = new java.util.HashMap<>();

    private ReplayRecord(String replayId) {
        this.replayId = replayId;
    }

    /** Folds the events of {@code replayId}; empty when the ledger has none. */
    public static Optional<ReplayRecord> fold(String replayId, List<LedgerEvent> events) {
        ReplayRecord r = null;
        for (LedgerEvent e : events) {
            if (!replayId.equals(e.replayId())) {
                continue;
            }
            if (r == null) {
                r = new ReplayRecord(replayId);
            }
            r.accept(e);
        }
        return Optional.ofNullable(r);
    }

    private void accept(LedgerEvent e) {
        switch (e.mode()) {
            case "mode1", "mode2" -> {
                mode = e.mode();
                if (e.step() != null) {
                    stepsDone.add(e.step());
                }
                if ("restart-stateless".equals(e.action())) {
                    // Only a verify of the replayed output counts: forget earlier passes.
                    verifyPassed = false;
                }
            }
            case "rollback" -> rolledBack = true;
            case "check-window" -> {
                windowFeasible = Boolean.TRUE.equals(e.passed());
                window = e.window();
            }
            case "verify" -> verifyPassed = Boolean.TRUE.equals(e.passed());
            default -> {}
        }
        if (e.action() != null && e.at() != null) {
            actionTimes.put(e.action(), e.at());
        }
        if (e.ticket() != null) {
            ticket = e.ticket();
        }
        if (e.groupId() != null) {
            groupId = e.groupId();
        }
        if (e.prev() != null && prev == null) {
            prev = e.prev();
        }
        if (e.restorePath() != null) {
            restorePath = e.restorePath();
        }
        if (e.backup() != null) {
            backup = e.backup();
        }
    }

    public String replayId() {
        return replayId;
    }

    /** {@code mode1} or {@code mode2} once a step ran, else null. */
    public String mode() {
        return mode;
    }

    public String ticket() {
        return ticket;
    }

    public String groupId() {
        return groupId;
    }

    /** PREV values captured at the first step; null before it. */
    public Map<String, String> prev() {
        return prev;
    }

    public String restorePath() {
        return restorePath;
    }

    public LedgerEvent.BackupRecord backup() {
        return backup;
    }

    /** The last window check recorded for this replay passed. */
    public boolean windowFeasible() {
        return windowFeasible;
    }

    /** The window of the last window check recorded for this replay. */
    public Optional<LedgerEvent.WindowRecord> window() {
        return Optional.ofNullable(window);
    }

    /** The last verify recorded for this replay, after its restart step, passed. */
    public boolean verifyPassed() {
        return verifyPassed;
    }

    public boolean rolledBack() {
        return rolledBack;
    }

    public SortedSet<Integer> stepsDone() {
        return stepsDone;
    }

    /** When the last event with {@code action} (e.g. restart-stateless) was recorded. */
    public Optional<String> timeOf(String action) {
        return Optional.ofNullable(actionTimes.get(action));
    }

    public boolean done(int step) {
        return stepsDone.contains(step);
    }
}
