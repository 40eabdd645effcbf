package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.kafka.TopicRecreator;
import io.torghut.ta.replay.kafka.TopicSpec;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Mode 2's derived-topic step: prints the exact kafka-topics.sh commands and, with {@code
 * --execute}, recreates the topics through the AdminClient with the partitions and configs they
 * had. Client properties (SASL credentials) are read from a file and never printed.
 */
final class KafkaTopicStep implements StepRunner.TopicStep {
    /** Used only in printed templates when no broker was asked: the runbook's derived topics. */
    private static final TopicSpec FALLBACK =
            new TopicSpec("<topic>", 1, (short) 3, Map.of("retention.ms", "3024000000"));

    @Override
    public boolean run(StepRequest req, Session s, PrintWriter out, boolean dryRun) {
        List<String> topics = derivedTopics(s);
        String configured =
                YamlScalarEditor.read(
                                s.texts.text(FileRole.TA_CONFIGMAP),
                                YamlPath.parse("data.TA_KAFKA_BOOTSTRAP"))
                        .orElse("kafka-kafka-bootstrap.kafka:9092");
        String bootstrap = req.bootstrap() != null ? req.bootstrap() : configured;
        if (req.bootstrap() == null && !req.execute()) {
            out.println("Derived topics: " + topics + ". Describe them first, then recreate:");
            for (String t : topics) {
                TopicSpec template =
                        new TopicSpec(
                                t,
                                FALLBACK.partitions(),
                                FALLBACK.replicationFactor(),
                                FALLBACK.configs());
                for (String c : TopicRecreator.commands(template, bootstrap)) {
                    out.println("  " + c);
                }
            }
            out.println(
                    "  (partitions, replication factor and --config values above are the"
                            + " runbook's; use what --describe prints, or pass --bootstrap to"
                            + " have them read from the broker.)");
            return finish(req, out);
        }
        try (Admin admin = Admin.create(adminProps(bootstrap, req))) {
            TopicRecreator r = new TopicRecreator(admin, Duration.ofSeconds(60));
            List<TopicSpec> specs = new ArrayList<>();
            for (String t : topics) {
                specs.add(r.describe(t));
            }
            out.println("Derived topics as the broker reports them:");
            for (TopicSpec spec : specs) {
                out.println("  " + spec);
                for (String c : TopicRecreator.commands(spec, bootstrap)) {
                    out.println("  " + c);
                }
            }
            if (!req.execute() || dryRun) {
                out.println("Not executed (no --execute, or --dry-run).");
                return finish(req, out);
            }
            for (TopicSpec spec : specs) {
                out.println("Recreating " + spec.name() + " ...");
                r.recreate(spec);
                TopicSpec now = r.describe(spec.name());
                if (!now.equals(spec)) {
                    throw new Refusal(
                            "recreated topic differs: was " + spec + ", now " + now,
                            ExitCodes.CHECK_FAILED);
                }
                out.println("Recreated " + spec.name() + " with the same partitions and configs.");
            }
            return true;
        } catch (Refusal e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal("interrupted while talking to Kafka", ExitCodes.ERROR);
        } catch (Exception e) {
            throw new Refusal(
                    "Kafka at " + bootstrap + " failed: " + e.getMessage(), ExitCodes.ERROR);
        }
    }

    private static boolean finish(StepRequest req, PrintWriter out) {
        if (!req.recordDone()) {
            out.println(
                    "After running them, record it: "
                            + StepRunner.nextCommand(req.mode(), req.step(), req)
                            + " --record-done");
        }
        return req.recordDone();
    }

    static List<String> derivedTopics(Session s) {
        String cm = s.texts.text(FileRole.TA_CONFIGMAP);
        return List.of(
                YamlScalarEditor.read(cm, YamlPath.parse("data.TA_MICROBARS_TOPIC"))
                        .orElse("torghut.ta.bars.1s.v1"),
                YamlScalarEditor.read(cm, YamlPath.parse("data.TA_SIGNALS_TOPIC"))
                        .orElse("torghut.ta.signals.v1"));
    }

    private static Properties adminProps(String bootstrap, StepRequest req) throws IOException {
        Properties p = new Properties();
        if (req.kafkaConfig() != null) {
            try (InputStream in = Files.newInputStream(req.kafkaConfig())) {
                p.load(in);
            }
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return p;
    }
}
