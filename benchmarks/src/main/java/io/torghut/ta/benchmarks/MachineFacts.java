package io.torghut.ta.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The facts a benchmark number is meaningless without: cores, CPU, JDK, OS, the pinned library
 * versions (from the build) and the load on the machine, which says how noisy the run was.
 */
public final class MachineFacts {
    private MachineFacts() {}

    /** Collects the facts, in display order. */
    public static Map<String, String> collect() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date (UTC)", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("cores (availableProcessors)", "" + Runtime.getRuntime().availableProcessors());
        facts.put("CPU", cpuModel());
        facts.put(
                "JDK",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        facts.put(
                "OS",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
        Properties versions = versions();
        facts.put(
                "Flink (pom; the job's runtime, not used here)",
                versions.getProperty("flink.version"));
        facts.put("JMH", versions.getProperty("jmh.version"));
        facts.put("ta4j (baseline)", versions.getProperty("ta4j.version"));
        facts.put("TA-Lib Java (baseline)", versions.getProperty("talib.version"));
        facts.put("Kryo (state size)", versions.getProperty("kryo.version"));
        facts.put("load average 1/5/15 min at report time", loadAverage());
        return facts;
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = MachineFacts.class.getResourceAsStream("/ta-benchmarks.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the CPU model is a nice-to-have, the core count above is what matters.
        }
        return "unknown";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The heap's initial and maximum size and the collectors, e.g. "6,144 / 6,144 MiB, G1". */
    public static String heapAndCollector() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        return String.format(
                Locale.ROOT,
                "%,d / %,d MiB; %s",
                heap.getInit() >> 20,
                heap.getMax() >> 20,
                String.join(", ", collectors));
    }
}
