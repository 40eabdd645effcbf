package io.torghut.ta.replay.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a topic must look like after it is recreated: partitions, replication factor and the
 * topic-level configs that were set explicitly (not broker defaults).
 */
public record TopicSpec(
        String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public TopicSpec {
        configs = new TreeMap<>(configs);
    }
}
