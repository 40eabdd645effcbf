package io.torghut.ta.replay.operator;

/**
 * What the Flink Kubernetes Operator does to the job when a FlinkDeployment spec changes from one
 * version to the next, reduced to what matters for replays: with which state the job comes back.
 */
public sealed interface RestartAction {

    /**
     * True when the job comes back without any restored state, so sources use their initializer.
     */
    default boolean startsEmpty() {
        return this instanceof StatelessEmpty;
    }

    /** The spec change does not redeploy the job (only ignored fields changed, or nothing). */
    record None() implements RestartAction {
        @Override
        public String toString() {
            return "NONE (no redeploy)";
        }
    }

    /** The job is stopped (state suspended); how depends on the upgrade mode. */
    record Suspend() implements RestartAction {
        @Override
        public String toString() {
            return "SUSPEND";
        }
    }

    /** The job restarts from the latest checkpoint the HA metadata points to (last-state). */
    record RestoreLastState() implements RestartAction {
        @Override
        public String toString() {
            return "RESTORE_LAST_STATE (latest checkpoint via HA metadata)";
        }
    }

    /** The job restarts from a savepoint the operator takes (or took at suspend). */
    record RestoreSavepoint() implements RestartAction {
        @Override
        public String toString() {
            return "RESTORE_SAVEPOINT (savepoint taken by the operator)";
        }
    }

    /** The job restarts with empty state: Kafka sources start from their offsets initializer. */
    record StatelessEmpty() implements RestartAction {
        @Override
        public String toString() {
            return "STATELESS_EMPTY (no restored state; sources use their initializer)";
        }
    }

    /** The job is cancelled and redeployed from {@code path} (savepointRedeployNonce). */
    record SavepointRedeploy(String path) implements RestartAction {
        @Override
        public String toString() {
            return "SAVEPOINT_REDEPLOY(" + path + ")";
        }
    }

    /** The operator's validator rejects the spec; {@code reason} says why. */
    record Rejected(String reason) implements RestartAction {
        @Override
        public String toString() {
            return "REJECTED by the operator's validator: " + reason;
        }
    }
}
