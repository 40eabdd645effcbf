package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.kafka.TopicRecreator;
import io.torghut.ta.replay.kafka.TopicSpec;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.workflow.StepDecision;
import io.torghut.ta.replay.workflow.StepRequest;
import io.torghut.ta.replay.workflow.TaTopics;
import io.torghut.ta.replay.workflow.TopicRecreation;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints Mode 2's derived-topic step: the exact kafka-topics.sh commands and, with {@code
 * --execute}, the recreation the workflow performs through the AdminClient. Client properties (SASL
 * credentials) are never printed.
 */
final class KafkaTopicStep {
    private final PrintWriter out;

    KafkaTopicStep(PrintWriter out) {
        this.out = out;
    }

    /** Prints (and with --execute has the workflow perform) the step; true when it performed it. */
    boolean run(Session s, StepDecision.Run run, boolean dryRun) {
        StepRequest req = run.request();
        List<String> topics = TaTopics.derived(s.texts());
        String bootstrap = TaTopics.bootstrap(s.texts(), req.kafka());
        if (!req.asksBroker()) {
            out.println("Derived topics: " + topics + ". Describe them first, then recreate:");
            for (TopicSpec template : TopicRecreation.templates(topics)) {
                printCommands(template, bootstrap);
            }
            out.println(
                    "  (partitions, replication factor and --config values above are placeholders;"
                            + " use what --describe prints, or pass --bootstrap to have them read"
                            + " from the broker.)");
            printRecordHint(run);
            return false;
        }
        try (TopicRecreation recreation = TopicRecreation.connect(req.kafka(), bootstrap)) {
            List<TopicSpec> specs = recreation.describe(topics);
            out.println("Derived topics as the broker reports them:");
            for (TopicSpec spec : specs) {
                out.println("  " + spec);
                printCommands(spec, bootstrap);
            }
            if (!req.execute() || dryRun) {
                out.println("Not executed (no --execute, or --dry-run).");
                printRecordHint(run);
                return false;
            }
            for (TopicSpec spec : specs) {
                out.println("Recreating " + spec.name() + " ...");
                recreation.recreate(spec);
                out.println("Recreated " + spec.name() + " with the same partitions and configs.");
            }
            return true;
        }
    }

    private void printCommands(TopicSpec spec, String bootstrap) {
        for (String c : TopicRecreator.commands(spec, bootstrap)) {
            out.println("  " + c);
        }
    }

    private void printRecordHint(StepDecision.Run run) {
        if (!run.request().recordDone()) {
            out.println("After running them, record it: " + run.plan().recordDoneCommand());
        }
    }
}
