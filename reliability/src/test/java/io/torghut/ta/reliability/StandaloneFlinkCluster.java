package io.torghut.ta.reliability;

import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.FlinkRest;
import io.torghut.ta.testkit.FreePorts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A standalone Flink session cluster as separate JVM processes, started the way Flink's own {@code
 * jobmanager.sh}/{@code taskmanager.sh} start them: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}) on the
 * classpath a Flink distribution's {@code lib/} holds (built by Maven into {@code
 * target/flink-cluster.classpath}), with {@code flink-s3-fs-hadoop} as a plugin, a {@code
 * config.yaml} in a configuration directory, and one log file per process.
 *
 * <p>The JobManager's environment carries the job's {@code TA_*} settings: a JAR run through the
 * REST API runs its {@code main} in the JobManager, exactly as the Kubernetes operator's JobManager
 * pod gets them from the ConfigMap.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    /** The options Flink's distribution passes to every JVM on Java 17 (env.java.opts.all). */
    private static final List<String> JAVA17_OPTS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path dir;
    private final String classpath;
    private final Path pluginsDir;
    private final Map<String, String> jobManagerEnv;
    private final Map<String, String> config;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private int taskManagers;
    private int jobManagers;
    private String jobManager;
    private String jobManagerMainClass =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private List<String> jobManagerArgs = List.of();
    private String jobManagerClasspath;
    final FlinkRest rest;

    private StandaloneFlinkCluster(
            Path dir,
            String classpath,
            Path pluginsDir,
            Map<String, String> jobManagerEnv,
            Map<String, String> config,
            int restPort) {
        this.dir = dir;
        this.config = config;
        this.classpath = classpath;
        this.pluginsDir = pluginsDir;
        this.jobManagerEnv = jobManagerEnv;
        this.jobManagerClasspath = classpath;
        this.rest = new FlinkRest(java.net.URI.create("http://localhost:" + restPort));
    }

    /**
     * Writes the configuration and starts the JobManager and {@code taskManagers} TaskManagers of
     * one slot each; returns once all have registered.
     *
     * @param flinkConfig cluster settings added to the defaults (e.g. the s3.* keys)
     * @param jobManagerEnv environment of the JobManager process (the job's TA_* settings)
     */
    static StandaloneFlinkCluster start(
            Path dir,
            Map<String, String> flinkConfig,
            Map<String, String> jobManagerEnv,
            int taskManagers)
            throws IOException {
        StandaloneFlinkCluster cluster = configure(dir, flinkConfig, jobManagerEnv);
        return cluster.launchAll(taskManagers);
    }

    /**
     * Like {@link #start}, in application mode: the JobManager is {@link
     * StandaloneApplicationEntryPoint} with {@code jobJar} in its {@code usrlib} directory, so it
     * runs {@code entryClass}'s {@code main} with its own environment at every start, as the
     * operator's JobManager pod does. With high availability configured, a JobManager started after
     * another one died recovers the job from the HA services instead.
     */
    static StandaloneFlinkCluster startApplication(
            Path dir,
            Map<String, String> flinkConfig,
            Map<String, String> jobManagerEnv,
            int taskManagers,
            Path jobJar,
            String entryClass)
            throws IOException {
        StandaloneFlinkCluster cluster = configure(dir, flinkConfig, jobManagerEnv);
        Path usrlib = Files.createDirectories(dir.resolve("usrlib"));
        Files.copy(jobJar, usrlib.resolve(jobJar.getFileName()));
        cluster.jobManagerMainClass = StandaloneApplicationEntryPoint.class.getName();
        cluster.jobManagerArgs =
                List.of("--usrlib", usrlib.toString(), "--job-classname", entryClass);
        // The entry point is this module's test class: the JobManager gets its directory too.
        cluster.jobManagerClasspath =
                cluster.classpath
                        + java.io.File.pathSeparator
                        + Path.of(
                                        StandaloneApplicationEntryPoint.class
                                                .getProtectionDomain()
                                                .getCodeSource()
                                                .getLocation()
                                                .getPath())
                                .toString();
        return cluster.launchAll(taskManagers);
    }

    private static StandaloneFlinkCluster configure(
            Path dir, Map<String, String> flinkConfig, Map<String, String> jobManagerEnv)
            throws IOException {
        String classpath =
                Files.readString(Path.of(System.getProperty("flink.cluster.classpath"))).trim();
        Path plugins = Path.of(System.getProperty("flink.plugins.dir"));
        int rpcPort = FreePorts.freePort();
        int restPort = FreePorts.freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        c.put("jobmanager.bind-host", "localhost");
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("rest.port", String.valueOf(restPort));
        c.put("taskmanager.host", "localhost");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.numberOfTaskSlots", "1");
        c.put("parallelism.default", "2");
        c.put("jobmanager.memory.process.size", "1024m");
        c.put("taskmanager.memory.process.size", "1280m");
        c.put("taskmanager.memory.managed.size", "64m");
        // A killed TaskManager is noticed within seconds, not the default 50 s.
        c.put("heartbeat.interval", "1000");
        c.put("heartbeat.timeout", "8000");
        c.put("web.upload.dir", dir.resolve("uploads").toString());
        c.put("io.tmp.dirs", dir.resolve("tmp").toString());
        c.putAll(flinkConfig);
        Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(
                conf.resolve("config.yaml"),
                c.entrySet().stream()
                        .map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                        .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        ""));
        return new StandaloneFlinkCluster(dir, classpath, plugins, jobManagerEnv, c, restPort);
    }

    private StandaloneFlinkCluster launchAll(int count) throws IOException {
        try {
            startJobManager(jobManagerEnv);
            for (int i = 0; i < count; i++) {
                startTaskManager();
            }
            Await.until(
                    count + " TaskManagers to register",
                    Duration.ofMinutes(2),
                    () -> registeredTaskManagers() == count);
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw new IllegalStateException("standalone cluster did not start:\n" + logTails(), e);
        }
    }

    /**
     * Starts a JobManager process ({@code jobmanager} first, then {@code jobmanager-1}, ...) with
     * {@code env} as its environment, and waits until its REST API answers; returns its name. A
     * second one is what Kubernetes starts when the JobManager pod dies (or what a redeployment
     * with a changed ConfigMap starts).
     */
    String startJobManager(Map<String, String> env) throws IOException {
        String name = jobManagers == 0 ? "jobmanager" : "jobmanager-" + jobManagers;
        jobManagers++;
        launch(
                name,
                jobManagerMainClass,
                env,
                List.of("-Xmx512m", "-XX:MaxDirectMemorySize=512m"),
                jobManagerArgs,
                jobManagerClasspath);
        jobManager = name;
        Await.until("the JobManager's REST API (" + name + ")", Duration.ofMinutes(2), rest::isUp);
        return name;
    }

    /** The name of the JobManager process started last. */
    String jobManager() {
        return jobManager;
    }

    /** Starts one more TaskManager process (what Kubernetes does when a TaskManager pod dies). */
    void startTaskManager() throws IOException {
        // As taskmanager.sh does through BashJavaUtils: derive the memory and CPU spec from the
        // configuration, pass the JVM sizes as JVM options and the spec as dynamic properties.
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(config));
        launch(
                "taskmanager-" + taskManagers++,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                Map.of(),
                List.of(ProcessMemoryUtils.generateJvmParametersStr(spec).trim().split("\\s+")),
                List.of(
                        TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)
                                .trim()
                                .split("\\s+")),
                classpath);
    }

    /** TaskManagers currently registered with the ResourceManager. */
    int registeredTaskManagers() {
        return rest.get("overview").path("taskmanagers").asInt();
    }

    /** Sends SIGKILL to a process, as a node failure or the OOM killer would, and waits for it. */
    void kill9(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Whether a process is still alive (an application-mode JobManager exits with its job). */
    boolean isAlive(String name) {
        return processes.get(name).isAlive();
    }

    /** The last lines of every process log, for failure messages. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        for (String name : processes.keySet()) {
            Path log = dir.resolve("log").resolve(name + ".log");
            out.append("---- ").append(name).append(" (").append(log).append(")\n");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    /** The text of one process's log file. */
    String log(String name) throws IOException {
        return Files.readString(dir.resolve("log").resolve(name + ".log"));
    }

    /** Every log file of the cluster. */
    List<Path> logFiles() throws IOException {
        try (var files = Files.list(dir.resolve("log"))) {
            return files.toList();
        }
    }

    private void launch(
            String name,
            String mainClass,
            Map<String, String> env,
            List<String> jvmSizes,
            List<String> arguments,
            String processClasspath)
            throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("log"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA17_OPTS);
        // The test JVM's JIT settings (the build's test.jvm.args): these short-lived processes
        // spend more on compiling than compiled code would save them.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:TieredStopAtLevel")) {
                command.add(arg);
            }
        }
        command.addAll(jvmSizes);
        command.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        command.add(
                "-Dlog4j.configurationFile="
                        + dir.resolve("conf").resolve("log4j.properties").toUri());
        command.add("-classpath");
        command.add(processClasspath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(dir.resolve("conf").toString());
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
        pb.environment().put("FLINK_PLUGINS_DIR", pluginsDir.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(logDir.resolve(name + ".out").toFile());
        processes.put(name, pb.start());
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process p = processes.get(name);
            p.destroy();
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
