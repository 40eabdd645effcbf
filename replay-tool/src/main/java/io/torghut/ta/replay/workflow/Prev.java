package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.GitOpsState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steady-state values captured before a replay changes anything: what rollback restores and
 * what the final steps put back.
 */
public record Prev(
        String groupId,
        String autoOffsetReset,
        String jobState,
        String upgradeMode,
        String restartNonce,
        String tradingEnabled,
        String tradingLiveEnabled) {

    public static Prev capture(GitOpsState s) {
        return new Prev(
                s.groupId(),
                s.autoOffsetReset(),
                s.jobState(),
                s.upgradeMode(),
                s.restartNonce() == null ? null : s.restartNonce().toString(),
                s.tradingEnabled(),
                s.tradingLiveEnabled());
    }

    /**
     * The ledger form, keyed by the settings' own names (PREV_TA_GROUP_ID is stored as
     * TA_GROUP_ID).
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "TA_GROUP_ID", groupId);
        put(m, "TA_AUTO_OFFSET_RESET", autoOffsetReset);
        put(m, "jobState", jobState);
        put(m, "upgradeMode", upgradeMode);
        put(m, "restartNonce", restartNonce);
        put(m, "TRADING_ENABLED", tradingEnabled);
        put(m, "TRADING_LIVE_ENABLED", tradingLiveEnabled);
        return m;
    }

    public static Prev fromMap(Map<String, String> m) {
        return new Prev(
                m.get("TA_GROUP_ID"),
                m.get("TA_AUTO_OFFSET_RESET"),
                m.get("jobState"),
                m.get("upgradeMode"),
                m.get("restartNonce"),
                m.get("TRADING_ENABLED"),
                m.get("TRADING_LIVE_ENABLED"));
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
