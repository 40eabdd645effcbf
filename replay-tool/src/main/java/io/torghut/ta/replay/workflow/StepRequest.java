package io.torghut.ta.replay.workflow;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one run of {@code mode1} or {@code mode2} asks for: the step, the replay, and the options
 * the step may need. Built with {@link #builder}; {@link Builder#build()} refuses a request that
 * can never run (a Mode 2 step without its confirmation or ticket, a step the mode does not have)
 * before any file is read.
 */
public final class StepRequest {
    private final Mode mode;
    private final int step;
    private final String replayId;
    private final String ticket;
    private final String restorePath;
    private final Path backupManifest;
    private final boolean execute;
    private final boolean recordDone;
    private final KafkaConnection kafka;
    private final boolean operatorProvidesHa;

    private StepRequest(Builder b) {
        this.mode = b.mode;
        this.step = b.step;
        this.replayId = b.replayId;
        this.ticket = b.ticket;
        this.restorePath = b.restorePath;
        this.backupManifest = b.backupManifest;
        this.execute = b.execute;
        this.recordDone = b.recordDone;
        this.kafka = b.kafka;
        this.operatorProvidesHa = b.operatorProvidesHa;
    }

    /** A request for step {@code step} of replay {@code replayId} in {@code mode}. */
    public static Builder builder(Mode mode, int step, String replayId) {
        return new Builder(mode, step, replayId);
    }

    public Mode mode() {
        return mode;
    }

    public int step() {
        return step;
    }

    /** The kind of the requested step (the request exists only for steps the mode has). */
    public StepKind kind() {
        return mode.step(step);
    }

    public String replayId() {
        return replayId;
    }

    /** The ticket or incident id; null when none was given (allowed in Mode 1 only). */
    public String ticket() {
        return ticket;
    }

    /** The restore path given on the command line; null to use the one in the ledger. */
    public String restorePath() {
        return restorePath;
    }

    /** Mode 2 step 3: the local copy of the backup manifest; null when not given. */
    public Path backupManifest() {
        return backupManifest;
    }

    /** Mode 2 step 4: recreate the topics through the AdminClient. */
    public boolean execute() {
        return execute;
    }

    /** Mode 2 steps 4 and 5: oncall ran the printed commands; record the step. */
    public boolean recordDone() {
        return recordDone;
    }

    /** Mode 2 step 4: the broker to describe and recreate the topics on. */
    public KafkaConnection kafka() {
        return kafka;
    }

    /** Oncall says the operator's own default configuration sets HA (--operator-provides-ha). */
    public boolean operatorProvidesHa() {
        return operatorProvidesHa;
    }

    /**
     * Whether the topic step talks to a broker: when one is given (to describe the topics) or the
     * recreation is to be executed; otherwise it only prints commands with placeholder settings.
     */
    public boolean asksBroker() {
        return kafka.bootstrap() != null || execute;
    }

    /** Collects the options of one step request. */
    public static final class Builder {
        private final Mode mode;
        private final int step;
        private final String replayId;
        private String ticket;
        private String confirmation;
        private String restorePath;
        private Path backupManifest;
        private boolean execute;
        private boolean recordDone;
        private KafkaConnection kafka = KafkaConnection.NONE;
        private boolean operatorProvidesHa;

        private Builder(Mode mode, int step, String replayId) {
            this.mode = Objects.requireNonNull(mode, "mode");
            this.step = step;
            this.replayId = Objects.requireNonNull(replayId, "replayId");
        }

        public Builder ticket(String ticket) {
            this.ticket = ticket;
            return this;
        }

        /** Mode 2: the literal confirmation oncall typed. */
        public Builder confirmation(String confirmation) {
            this.confirmation = confirmation;
            return this;
        }

        public Builder restorePath(String restorePath) {
            this.restorePath = restorePath;
            return this;
        }

        public Builder backupManifest(Path backupManifest) {
            this.backupManifest = backupManifest;
            return this;
        }

        public Builder execute(boolean execute) {
            this.execute = execute;
            return this;
        }

        public Builder recordDone(boolean recordDone) {
            this.recordDone = recordDone;
            return this;
        }

        public Builder kafka(KafkaConnection kafka) {
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            return this;
        }

        /** The operator's default configuration sets HA, so the manifest need not. */
        public Builder operatorProvidesHa(boolean operatorProvidesHa) {
            this.operatorProvidesHa = operatorProvidesHa;
            return this;
        }

        /**
         * The request, after the gates that need no file: Mode 2's confirmation and ticket, then
         * whether the step exists.
         *
         * @throws Refusal if one of them refuses
         */
        public StepRequest build() {
            if (mode == Mode.MODE2) {
                Gates.mode2Approved(confirmation, ticket);
            } else if (confirmation != null
                    || backupManifest != null
                    || execute
                    || recordDone
                    || !kafka.equals(KafkaConnection.NONE)) {
                // Mode 1 has no such options: a caller passing them is a bug, not oncall's input.
                throw new IllegalStateException("Mode 1 step request with Mode 2 options");
            }
            Gates.stepExists(mode, step);
            return new StepRequest(this);
        }
    }
}
