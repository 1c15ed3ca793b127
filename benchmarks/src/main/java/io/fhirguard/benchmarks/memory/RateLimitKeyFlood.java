package io.fhirguard.benchmarks.memory;

import io.fhirguard.ratelimit.RateLimitConfig;
import io.fhirguard.ratelimit.RateLimitPolicy;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Heap growth after a flood of distinct rate-limit keys: one unauthenticated request from each
 * of N distinct IPv6 addresses (the cheapest flood an attacker has), against the in-memory store
 * with its default bound. Prints one {@code memory rate-limit key flood} line.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks.jar io.fhirguard.benchmarks.memory.RateLimitKeyFlood
 * [keys]} (default one million).
 */
public final class RateLimitKeyFlood {
    private RateLimitKeyFlood() {
    }

    /**
     * Runs the flood.
     *
     * @param args optional key count
     */
    public static void main(String[] args) {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        RateLimitConfig config = RateLimitConfig.builder().build();
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config);
        policy.acquireUnauthenticated("2001:db8::1");

        long before = Heap.usedAfterGc();
        long start = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            policy.acquireUnauthenticated(address(i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = Heap.usedAfterGc();
        Reference.reachabilityFence(policy);

        System.out.printf(Locale.ROOT, "memory rate-limit key flood: keys=%d growth=%.1f MiB"
                + " (%.0f bytes/key seen) tracked-bound=%d acquire-rate=%.2f M/s%n", keys,
                Heap.mib(after - before), (after - before) / (double) keys,
                config.maxTrackedKeys(), keys / seconds / 1e6);
    }

    private static String address(int i) {
        return String.format(Locale.ROOT, "2001:db8:%x:%x::%x", (i >>> 24) & 0xff,
                (i >>> 12) & 0xfff, i & 0xfff);
    }
}
