package io.torghut.ta.replay.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One line of the replay ledger: something the tool did (or was told was done) for one replay.
 *
 * @param at when it was recorded (ISO-8601 instant)
 * @param replayId the REPLAY_ID
 * @param mode {@code mode1}, {@code mode2}, {@code rollback}, {@code check-window} or {@code
 *     verify}
 * @param step the step number within the mode, when it is a step
 * @param action a short name of what happened, e.g. {@code suspend}
 * @param ticket the ticket or incident id (required for Mode 2)
 * @param groupId the replay consumer group id
 * @param prev the steady-state values captured before the first change (for rollback)
 * @param restorePath the checkpoint or savepoint a rollback redeploys from
 * @param backup the verified Mode 2 backup
 * @param window the replay window checked for feasibility
 * @param passed for checks: whether it passed
 * @param detail for checks: a one-line summary
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "at",
    "replayId",
    "mode",
    "step",
    "action",
    "ticket",
    "groupId",
    "prev",
    "restorePath",
    "backup",
    "window",
    "passed",
    "detail"
})
public record LedgerEvent(
        String at,
        String replayId,
        String mode,
        Integer step,
        String action,
        String ticket,
        String groupId,
        Map<String, String> prev,
        String restorePath,
        BackupRecord backup,
        WindowRecord window,
        Boolean passed,
        String detail) {

    /** The verified backup a Mode 2 wipe depends on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BackupRecord(
            String prefix,
            String manifestSha256,
            String createdAt,
            String verifiedAt,
            long objects,
            long bytes) {}

    /** A replay window [from, to) in ISO-8601 instants. */
    public record WindowRecord(String from, String to) {}

    /** A plain step event; the other fields are filled with the {@code with*} copies. */
    public static LedgerEvent step(
            String at, String replayId, String mode, int step, String action) {
        return new LedgerEvent(
                at, replayId, mode, step, action, null, null, null, null, null, null, null, null);
    }

    /** A window check of {@code replayId} ({@code check-window --replay-id}). */
    public static LedgerEvent windowCheck(
            String at, String replayId, WindowRecord window, boolean feasible, String detail) {
        return new LedgerEvent(
                at,
                replayId,
                "check-window",
                null,
                "check-window",
                null,
                null,
                null,
                null,
                null,
                window,
                feasible,
                detail);
    }

    /** A verify of the replay's output ({@code verify --replay-id}). */
    public static LedgerEvent verify(String at, String replayId, boolean passed, String detail) {
        return new LedgerEvent(
                at, replayId, "verify", null, "verify", null, null, null, null, null, null, passed,
                detail);
    }

    /** The optimize step's merges of the replay window ({@code optimize --confirm}). */
    public static LedgerEvent optimize(String at, String replayId, boolean passed, String detail) {
        return new LedgerEvent(
                at,
                replayId,
                "optimize",
                null,
                "optimize",
                null,
                null,
                null,
                null,
                null,
                null,
                passed,
                detail);
    }

    /**
     * A rollback: {@code action} is {@code resume} or {@code savepoint-redeploy}, the latter with
     * the path it redeploys from.
     */
    public static LedgerEvent rollback(
            String at, String replayId, String action, String ticket, String restorePath) {
        return new LedgerEvent(
                at,
                replayId,
                "rollback",
                null,
                action,
                ticket,
                null,
                null,
                restorePath,
                null,
                null,
                null,
                null);
    }

    public LedgerEvent withTicket(String t) {
        return new LedgerEvent(
                at,
                replayId,
                mode,
                step,
                action,
                t,
                groupId,
                prev,
                restorePath,
                backup,
                window,
                passed,
                detail);
    }

    public LedgerEvent withGroupId(String g) {
        return new LedgerEvent(
                at,
                replayId,
                mode,
                step,
                action,
                ticket,
                g,
                prev,
                restorePath,
                backup,
                window,
                passed,
                detail);
    }

    public LedgerEvent withPrev(Map<String, String> p) {
        return new LedgerEvent(
                at,
                replayId,
                mode,
                step,
                action,
                ticket,
                groupId,
                p,
                restorePath,
                backup,
                window,
                passed,
                detail);
    }

    public LedgerEvent withRestorePath(String r) {
        return new LedgerEvent(
                at, replayId, mode, step, action, ticket, groupId, prev, r, backup, window, passed,
                detail);
    }

    public LedgerEvent withBackup(BackupRecord b) {
        return new LedgerEvent(
                at,
                replayId,
                mode,
                step,
                action,
                ticket,
                groupId,
                prev,
                restorePath,
                b,
                window,
                passed,
                detail);
    }

    public LedgerEvent withCheck(WindowRecord w, boolean ok, String d) {
        return new LedgerEvent(
                at,
                replayId,
                mode,
                step,
                action,
                ticket,
                groupId,
                prev,
                restorePath,
                backup,
                w,
                ok,
                d);
    }
}
