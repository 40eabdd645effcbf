package io.torghut.ta.testkit;

import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.TaJob;
import io.torghut.ta.job.config.TaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster in this JVM with its REST endpoint on a free port, and the one way tests
 * submit jobs to it: {@link #job(TaConfig)} for the production topology (the job's own settings
 * from {@link JobSettings}, Kafka and ClickHouse sinks as {@code TaJob} builds them), {@link
 * #job(Consumer)} for any other topology. Jobs run with parallelism {@value #PARALLELISM}.
 */
public final class LocalFlink implements AutoCloseable {
    /** The parallelism of every job submitted here. */
    public static final int PARALLELISM = 2;

    /** Completed checkpoints the cluster keeps per job, as the FlinkDeployment configures it. */
    public static final int RETAINED_CHECKPOINTS = 3;

    private final MiniCluster cluster;
    private int nextToTerminate;

    /** The cluster's REST API. */
    public final FlinkRest rest;

    private LocalFlink(MiniCluster cluster, FlinkRest rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    /**
     * Starts a cluster of {@code taskManagers} TaskManagers with {@code slots} slots each. Two
     * TaskManagers of one slot make a parallelism-2 job use both, so terminating one fails the job
     * over.
     */
    public static LocalFlink start(int taskManagers, int slots) {
        return start(taskManagers, slots, Map.of());
    }

    /** Like {@link #start(int, int)}, with cluster settings on top of this class's own. */
    public static LocalFlink start(int taskManagers, int slots, Map<String, String> settings) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, 0);
        // Metrics read through REST are at most this old (default 10 s).
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        // Kafka's producer threads outlive a finished job by a moment; without this they trip
        // Flink's leaked-class-loader check, which is noise here.
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        // As the FlinkDeployment configures the cluster (a JobManager setting: a job's own value
        // is not read).
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
        settings.forEach(conf::setString);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        try {
            cluster.start();
            return new LocalFlink(cluster, new FlinkRest(cluster.getRestAddress().get()));
        } catch (Exception e) {
            throw new IllegalStateException("the MiniCluster did not start", e);
        }
    }

    /**
     * The production restart strategy (exponential delay, as the FlinkDeployment configures it)
     * with a 10 s instead of a 2 min ceiling, so a test's outage is not followed by minutes of
     * backoff.
     */
    public static Map<String, String> productionRestartStrategy() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        return conf.toMap();
    }

    /** The MiniCluster itself, for what REST does not offer (execution graphs, triggers). */
    public MiniCluster miniCluster() {
        return cluster;
    }

    /** A submission of the production topology for {@code config}. */
    public Submission job(TaConfig config) {
        Objects.requireNonNull(config, "config");
        return new Submission(
                config, JobSettings.apply(config, new Configuration()), "torghut-ta", null);
    }

    /** A submission of any topology, built into the environment by {@code topology}. */
    public Submission job(Consumer<StreamExecutionEnvironment> topology) {
        Objects.requireNonNull(topology, "topology");
        return new Submission(null, new Configuration(), "test-topology", topology);
    }

    /** How one job is submitted; {@link #submit()} or {@link #run()} it. */
    public final class Submission {
        private final TaConfig config;
        private final Configuration conf;
        private final Consumer<StreamExecutionEnvironment> topology;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String name;
        private String restorePath;
        private boolean bounded;
        private int parallelism = PARALLELISM;

        private Submission(
                TaConfig config,
                Configuration conf,
                String name,
                Consumer<StreamExecutionEnvironment> topology) {
            this.config = config;
            this.conf = conf;
            this.name = name;
            this.topology = topology;
            // A failure ends the test at once with its cause instead of a restart loop, unless
            // the test asks for the production strategy.
            settings.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "none");
        }

        /** The job's name (default {@code torghut-ta}). */
        public Submission named(String jobName) {
            this.name = Objects.requireNonNull(jobName, "jobName");
            return this;
        }

        /** Flink settings on top of the job's own (e.g. tolerable failed checkpoints). */
        public Submission with(Map<String, String> flinkSettings) {
            settings.putAll(flinkSettings);
            return this;
        }

        /** Restarts on failure as production does ({@link #productionRestartStrategy()}). */
        public Submission restartingAsInProduction() {
            return with(productionRestartStrategy());
        }

        /** Restores from a checkpoint or savepoint, as {@code flink run -s <path>} does. */
        public Submission restoredFrom(String path) {
            this.restorePath = path;
            return this;
        }

        /** Kafka sources stop at the latest offsets of the time the job starts. */
        public Submission bounded() {
            this.bounded = true;
            return this;
        }

        /** The job's parallelism (default {@value LocalFlink#PARALLELISM}). */
        public Submission parallelism(int p) {
            if (p < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, got " + p);
            }
            this.parallelism = p;
            return this;
        }

        /** Submits the job and returns its client at once. */
        public JobClient submit() {
            settings.forEach(conf::setString);
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            try {
                if (config != null) {
                    TaJob.productionTopology(config, bounded).build(env);
                } else {
                    topology.accept(env);
                }
                StreamGraph graph = env.getStreamGraph();
                graph.setJobName(name);
                if (restorePath != null) {
                    graph.setSavepointRestoreSettings(
                            SavepointRestoreSettings.forPath(restorePath));
                }
                JobID id = cluster.submitJob(graph).get().getJobID();
                return new MiniClusterJobClient(
                        id,
                        cluster,
                        Thread.currentThread().getContextClassLoader(),
                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
            } catch (Exception e) {
                throw new IllegalStateException("could not submit job " + name, e);
            }
        }

        /** Submits the job and waits for its end (a bounded job, or one that fails). */
        public JobExecutionResult run() throws Exception {
            return submit().getJobExecutionResult().get();
        }
    }

    /**
     * Terminates the oldest running TaskManager and starts a replacement. (MiniCluster keeps
     * terminated TaskManagers in its list and appends new ones, so the oldest alive is the next
     * index.)
     */
    public void replaceTaskManager() throws Exception {
        cluster.terminateTaskManager(nextToTerminate++).get();
        cluster.startTaskManager();
    }

    /** Cancels a job and waits until the cluster reports it CANCELED. */
    public void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
        Await.until(
                "job " + job + " to be cancelled",
                Duration.ofSeconds(60),
                () -> rest.jobState(job.toHexString()).equals("CANCELED"));
    }

    /** Cancels every job still running, so the next test finds every slot free. */
    public void cancelAll() throws Exception {
        for (var status : cluster.listJobs().get()) {
            if (!status.getJobState().isTerminalState()) {
                cancel(status.getJobId());
            }
        }
    }

    /**
     * The completed checkpoints ({@code chk-N} directories holding {@code _metadata}) of a job
     * under a checkpoint directory, oldest first, read through Flink's filesystem (so {@code
     * s3a://} works as the job wrote it).
     */
    public static List<String> completedCheckpoints(String checkpointsDir, JobID job) {
        Path jobDir = new Path(checkpointsDir + "/" + job);
        try {
            FileSystem fs = jobDir.getFileSystem();
            if (!fs.exists(jobDir)) {
                return List.of();
            }
            FileStatus[] children = fs.listStatus(jobDir);
            List<Path> done = new ArrayList<>();
            for (FileStatus child : children == null ? new FileStatus[0] : children) {
                Path p = child.getPath();
                if (p.getName().startsWith("chk-") && fs.exists(new Path(p, "_metadata"))) {
                    done.add(p);
                }
            }
            done.sort(Comparator.comparingLong(p -> Long.parseLong(p.getName().substring(4))));
            return done.stream().map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + jobDir, e);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
