package io.torghut.ta.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the process's CPU went during one run, by thread group: the job's task threads, its I/O
 * threads (Kafka fetchers, producers, output flushers), the rest of Flink, the in-process Kafka
 * broker, other Java threads (s3proxy, the harness), and the VM's own threads (JIT compilers and
 * GC, which the thread MXBean does not list: process CPU minus every Java thread's).
 *
 * <p>A sampler reads every thread's CPU time every {@link #PERIOD_MS} ms, so a thread that ends
 * during the run (the job's task threads do, at the end of a bounded job) still counts, up to its
 * last sample. What a thread used after its last sample, and threads that lived less than one
 * period, land in {@link #VM} with the JIT and GC: at most a period per such thread, so the job's
 * groups can read up to a few percent low and that group as high.
 */
final class CpuAccount implements AutoCloseable {
    static final long PERIOD_MS = 50;

    /** Thread groups, in report order. */
    static final String JOB_TASKS = "job tasks";

    static final String JOB_IO = "job I/O (Kafka fetch and produce, flushers)";
    static final String FLINK = "Flink runtime";
    static final String BROKER = "Kafka broker (in process)";
    static final String OTHER = "other Java threads";
    static final String VM = "JIT, GC and unattributed";

    /** The ClickHouse server's own process, read by the harness; 0 in runs without it. */
    static final String CLICKHOUSE_SERVER = "ClickHouse server (own process)";

    /**
     * Not a group: how long the JIT's compiler threads were compiling, by the VM's own count
     * ({@code CompilationMXBean}). It is elapsed time, not CPU: on saturated cores a compiler
     * thread also waits for a core, so it can exceed {@link #VM}. It says whether the JIT has
     * settled.
     */
    static final String JIT_COMPILING = "JIT compiling (elapsed, CompilationMXBean)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startCpu = new HashMap<>();
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long startProcessNs;
    private final long startCompilingMs;
    private final Thread sampler;
    private volatile boolean running = true;

    private CpuAccount() {
        synchronized (this) {
            sample(true);
        }
        startProcessNs = os.getProcessCpuTime();
        startCompilingMs = compilingMs();
        sampler =
                new Thread(
                        () -> {
                            while (running) {
                                synchronized (this) {
                                    sample(false);
                                }
                                try {
                                    Thread.sleep(PERIOD_MS);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "e2e-cpu-account");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts accounting from now. */
    static CpuAccount start() {
        return new CpuAccount();
    }

    private void sample(boolean baseline) {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            if (baseline) {
                startCpu.put(ids[i], cpu);
            } else {
                startCpu.putIfAbsent(ids[i], 0L);
            }
            lastCpu.put(ids[i], cpu);
            names.put(ids[i], infos[i].getThreadName());
        }
    }

    /** Stops the sampler and returns CPU milliseconds per group, the VM's included. */
    Map<String, Long> stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long processNs = os.getProcessCpuTime() - startProcessNs;
        Map<String, Long> ns = new LinkedHashMap<>();
        for (String g : new String[] {JOB_TASKS, JOB_IO, FLINK, BROKER, OTHER, VM}) {
            ns.put(g, 0L);
        }
        long javaNs = 0;
        synchronized (this) {
            sample(false);
            for (Map.Entry<Long, Long> e : lastCpu.entrySet()) {
                long used = e.getValue() - startCpu.getOrDefault(e.getKey(), 0L);
                javaNs += used;
                ns.merge(group(names.get(e.getKey())), used, Long::sum);
            }
        }
        ns.put(VM, Math.max(0, processNs - javaNs));
        Map<String, Long> ms = new LinkedHashMap<>();
        ns.forEach((k, v) -> ms.put(k, v / 1_000_000));
        ms.put(CLICKHOUSE_SERVER, 0L);
        ms.put(JIT_COMPILING, compilingMs() - startCompilingMs);
        return ms;
    }

    private static long compilingMs() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime()
                : 0;
    }

    private static final List<String> JOB_IO_PREFIXES =
            List.of("Source Data Fetcher", "OutputFlusher", "kafka-producer-network-thread | ta-");

    private static final List<String> FLINK_PREFIXES =
            List.of(
                    "flink-",
                    "Flink",
                    "jobmanager-",
                    "AsyncOperations",
                    "channel-state",
                    "Checkpoint");

    /** The harness's own clients (pre-loading, topic set-up, reading results). */
    private static final List<String> HARNESS_CLIENT_PREFIXES =
            List.of("kafka-producer-network-thread", "kafka-admin-client");

    private static final List<String> BROKER_PREFIXES =
            List.of(
                    "data-plane-kafka",
                    "kafka-",
                    "broker-",
                    "quorum-controller",
                    "group-coordinator",
                    "share-coordinator",
                    "ExpirationReaper",
                    "log-closing",
                    "controller-",
                    "LogDirFailureHandler",
                    "raft-");

    /** The group of a thread, by the names Flink, the Kafka clients and the broker give them. */
    static String group(String name) {
        if (startsWithAny(name, JOB_IO_PREFIXES)) {
            return JOB_IO;
        }
        if (name.matches(".* \\(\\d+/\\d+\\)(#\\d+)?$")) {
            return JOB_TASKS;
        }
        if (startsWithAny(name, FLINK_PREFIXES) || name.contains("pekko")) {
            return FLINK;
        }
        if (startsWithAny(name, HARNESS_CLIENT_PREFIXES)) {
            return OTHER;
        }
        return startsWithAny(name, BROKER_PREFIXES) ? BROKER : OTHER;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }
}
