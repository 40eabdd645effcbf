package io.torghut.ta.benchmarks.e2e;

import io.torghut.ta.testkit.ClickHouseServer;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * Everything the job talks to, in this process or on loopback: a Kafka KRaft broker, s3proxy for
 * the {@code s3a://} checkpoints, a ClickHouse server (started on first use) and a Flink
 * MiniCluster with one task manager of {@code parallelism} slots, set as the context environment so
 * that {@code StreamExecutionEnvironment.getExecutionEnvironment} submits to it.
 */
final class LoopbackServers implements AutoCloseable {
    /** Input topics hold months-old event times; the broker must not delete them. */
    static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    final KafkaTestCluster kafka;
    final S3ProxyServer s3;
    final MiniCluster flink;
    private final Path dir;
    private ClickHouseServer clickhouse;

    private LoopbackServers(Path dir, KafkaTestCluster kafka, S3ProxyServer s3, MiniCluster flink) {
        this.dir = dir;
        this.kafka = kafka;
        this.s3 = s3;
        this.flink = flink;
    }

    /** Starts Kafka, S3 and the MiniCluster under {@code dir}. */
    static LoopbackServers start(Path dir, int parallelism) throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        S3ProxyServer s3 =
                S3ProxyServer.start(
                        dir.resolve("s3"), "ta-bench-access", "ta-bench-secret", "ckpt");
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);
        // Kafka's producer threads outlive a finished job by a moment; without this they trip
        // Flink's leaked-class-loader check at exit, which is noise here.
        fs.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(fs)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .withRandomPorts()
                                .build());
        flink.start();
        TestStreamEnvironment.setAsContext(flink, parallelism);
        return new LoopbackServers(dir, kafka, s3, flink);
    }

    /** The ClickHouse server, started on the first call. */
    synchronized ClickHouseServer clickhouse() {
        if (clickhouse == null) {
            clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"));
        }
        return clickhouse;
    }

    @Override
    public void close() throws Exception {
        TestStreamEnvironment.unsetAsContext();
        try {
            flink.close();
        } finally {
            if (clickhouse != null) {
                clickhouse.close();
            }
            s3.close();
            kafka.close();
        }
    }
}
