package io.torghut.ta.reliability;

import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.TaJob;
import io.torghut.ta.job.config.TaConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A MiniCluster of two TaskManagers with one slot each (parallelism 2 uses both, so terminating one
 * fails the job over), its REST endpoint on a free port, and the production restart strategy
 * (exponential delay) with a shorter ceiling so a test's outage is not followed by minutes of
 * backoff.
 */
final class LocalFlink implements AutoCloseable {
    static final int PARALLELISM = 2;

    private final MiniCluster cluster;
    private int nextToTerminate;
    final FlinkRest rest;

    private LocalFlink(MiniCluster cluster, FlinkRest rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    static LocalFlink start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, 0);
        // Metrics read through REST are at most this old (default 10 s).
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        restartStrategy(conf);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(PARALLELISM)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        cluster.start();
        return new LocalFlink(cluster, new FlinkRest(cluster.getRestAddress().get()));
    }

    /** As flinkdeployment/restart-strategy.yaml, with a 10 s instead of a 2 min ceiling. */
    static Configuration restartStrategy(Configuration conf) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        return conf;
    }

    /**
     * Submits the production topology (unbounded, as deployed) for a TA configuration, with extra
     * Flink settings, optionally restored from a checkpoint or savepoint path.
     */
    JobID submit(TaConfig config, Map<String, String> flinkSettings, String restorePath)
            throws Exception {
        Configuration conf = JobSettings.apply(config, restartStrategy(new Configuration()));
        flinkSettings.forEach(conf::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        TaJob.productionTopology(config, false).build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("torghut-ta");
        if (restorePath != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restorePath));
        }
        return cluster.submitJob(graph).get().getJobID();
    }

    /**
     * Terminates the oldest running TaskManager and starts a replacement. (MiniCluster keeps
     * terminated TaskManagers in its list and appends new ones, so the oldest alive is the next
     * index.)
     */
    void replaceTaskManager() throws Exception {
        cluster.terminateTaskManager(nextToTerminate++).get();
        cluster.startTaskManager();
    }

    void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
        FaultRig.awaitTrue(
                () -> rest.jobState(job.toHexString()).equals("CANCELED"),
                Duration.ofSeconds(60),
                "job " + job + " to be cancelled");
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
