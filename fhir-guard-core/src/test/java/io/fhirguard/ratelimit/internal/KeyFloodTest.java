package io.fhirguard.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.ratelimit.RateLimitKey;
import io.fhirguard.ratelimit.RateLimitTier;
import io.fhirguard.ratelimit.SteppedClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class KeyFloodTest {
    private static final Logger log = LoggerFactory.getLogger(KeyFloodTest.class);
    private static final RateLimitTier TIER = RateLimitTier.of("t", 10, Duration.ofSeconds(1));

    @Test
    void aMillionDistinctKeysKeepTheStoreAtItsBound() {
        SteppedClock clock = SteppedClock.atNoon();
        InMemoryRateLimiterStore store =
                new InMemoryRateLimiterStore(20_000, Duration.ofMinutes(10), clock);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        int maxSeen = 0;

        for (int i = 0; i < 1_000_000; i++) {
            store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.ADDRESS, "flood-" + i), TIER);
            if (i % 1_000 == 0) {
                clock.advance(Duration.ofMillis(1));
                maxSeen = Math.max(maxSeen, store.trackedKeys());
            }
        }
        long heapAfter = usedHeapAfterGc(memory);

        assertThat(store.trackedKeys()).isLessThanOrEqualTo(20_000);
        assertThat(maxSeen).isLessThanOrEqualTo(20_000);
        assertThat(store.evictions()).isGreaterThanOrEqualTo(1_000_000 - 20_000);
        log.info("key flood: 1000000 keys, {} retained, {} evicted, heap growth after GC ~{} KiB"
                + " (~{} bytes per retained key)", store.trackedKeys(), store.evictions(),
                (heapAfter - heapBefore) / 1024,
                (heapAfter - heapBefore) / Math.max(1, store.trackedKeys()));
    }

    @Test
    void idleKeysAreEvictedOnceTheyHaveBeenUnusedForTheIdlePeriod() {
        SteppedClock clock = SteppedClock.atNoon();
        InMemoryRateLimiterStore store =
                new InMemoryRateLimiterStore(1_000, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 100; i++) {
            store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.SUBJECT, "user-" + i), TIER);
        }

        clock.advance(Duration.ofMinutes(10));
        store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.SUBJECT, "newcomer"), TIER);

        assertThat(store.trackedKeys()).isEqualTo(1);
    }

    @Test
    void aFullStoreEvictsTheLeastRecentlyUsedKeysFirst() {
        SteppedClock clock = SteppedClock.atNoon();
        InMemoryRateLimiterStore store =
                new InMemoryRateLimiterStore(10, Duration.ofMinutes(10), clock);
        RateLimitKey busy = RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID, "busy");
        store.tryAcquire(busy, TIER);
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMillis(1));
            store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID, "c" + i), TIER);
        }
        clock.advance(Duration.ofMillis(1));
        store.tryAcquire(busy, TIER);

        clock.advance(Duration.ofMillis(1));
        store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID, "eleventh"), TIER);

        assertThat(store.trackedKeys()).isLessThanOrEqualTo(10);
        assertThat(store.peek(busy, TIER).remaining()).isEqualTo(8);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
