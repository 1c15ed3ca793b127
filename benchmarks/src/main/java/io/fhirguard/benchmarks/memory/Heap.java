package io.fhirguard.benchmarks.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Used heap after full collections, from the platform {@link MemoryMXBean}. Approximate: a
 * {@code System.gc()} is a request, so the probe asks several times and settles on the lowest
 * reading. Good to a few hundred kilobytes, which is enough for figures in megabytes.
 */
final class Heap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    static long usedAfterGc() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lowest = Math.min(lowest, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
