package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.util.ArrayList;
import java.util.List;

/**
 * The TA job's Kafka topics and broker as its ConfigMap names them, with the job's own defaults for
 * keys the ConfigMap leaves out.
 */
public final class TaTopics {
    /** The broker the job uses when the ConfigMap sets no TA_KAFKA_BOOTSTRAP. */
    static final String DEFAULT_BOOTSTRAP = "kafka-kafka-bootstrap.kafka:9092";

    private TaTopics() {}

    /** The input topics a replay re-reads (trades, quotes, 1-minute bars), without repeats. */
    public static List<String> inputs(Texts t) {
        String cm = t.text(FileRole.TA_CONFIGMAP);
        List<String> out = new ArrayList<>();
        for (String[] kv :
                new String[][] {
                    {"TA_TRADES_TOPIC", "torghut.trades.v1"},
                    {"TA_QUOTES_TOPIC", "torghut.quotes.v1"},
                    {"TA_BARS1M_TOPIC", "torghut.bars.1m.v1"}
                }) {
            String topic = data(cm, kv[0], kv[1]);
            if (!topic.isBlank() && !out.contains(topic)) {
                out.add(topic);
            }
        }
        return out;
    }

    /** The derived output topics Mode 2 recreates (1 s bars, signals). */
    public static List<String> derived(Texts t) {
        String cm = t.text(FileRole.TA_CONFIGMAP);
        return List.of(
                data(cm, "TA_MICROBARS_TOPIC", "torghut.ta.bars.1s.v1"),
                data(cm, "TA_SIGNALS_TOPIC", "torghut.ta.signals.v1"));
    }

    /**
     * The bootstrap servers given on the command line, else the ones the job is configured with.
     */
    public static String bootstrap(Texts t, KafkaConnection given) {
        return given.bootstrap() != null
                ? given.bootstrap()
                : data(t.text(FileRole.TA_CONFIGMAP), "TA_KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP);
    }

    private static String data(String configMap, String key, String fallback) {
        return YamlScalarEditor.read(configMap, YamlPath.parse("data." + key)).orElse(fallback);
    }
}
