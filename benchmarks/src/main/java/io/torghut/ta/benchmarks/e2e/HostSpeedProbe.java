package io.torghut.ta.benchmarks.e2e;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;

/**
 * How fast the host is right now: a fact for reading one run beside another.
 *
 * <p>These cores are shared at the host level, and the same job on the same tape can use markedly
 * more CPU per trade in one hour than in the next. Two fixed single-threaded workloads, timed at
 * the start and the end of a run, show such a phase: hashing (the core's own speed) and random
 * reads of an array much larger than the caches (memory latency, which neighbours on the host
 * share). The best of five repetitions is reported; lower is faster.
 */
final class HostSpeedProbe {
    private static final int BYTES = 64 << 20;
    private static final int REPEATS = 5;

    private HostSpeedProbe() {}

    /** "hash ms / random-read ms", each the best of five. */
    static String measure() {
        byte[] data = new byte[BYTES];
        new Random(1).nextBytes(data);
        int[] next = permutationCycle(BYTES / Integer.BYTES, new Random(2));
        long bestHash = Long.MAX_VALUE;
        long bestReads = Long.MAX_VALUE;
        long sink = 0;
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            sink += sha256(data)[0];
            long t1 = System.nanoTime();
            int at = 0;
            for (int i = 0; i < 4_000_000; i++) {
                at = next[at];
            }
            long t2 = System.nanoTime();
            sink += at;
            bestHash = Math.min(bestHash, t1 - t0);
            bestReads = Math.min(bestReads, t2 - t1);
        }
        if (sink == Long.MIN_VALUE) {
            // Never true; keeps the work from being optimised away.
            throw new AssertionError();
        }
        return String.format(
                Locale.ROOT,
                "%.1f ms (SHA-256 of 64 MiB) / %.1f ms (4 M dependent random reads in 64 MiB)",
                bestHash / 1e6,
                bestReads / 1e6);
    }

    /** One cycle through all indices in random order, so each read depends on the last. */
    private static int[] permutationCycle(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
