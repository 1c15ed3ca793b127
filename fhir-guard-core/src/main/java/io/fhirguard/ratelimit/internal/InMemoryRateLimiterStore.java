package io.fhirguard.ratelimit.internal;

import io.fhirguard.ratelimit.RateLimitKey;
import io.fhirguard.ratelimit.RateLimitResult;
import io.fhirguard.ratelimit.RateLimitTier;
import io.fhirguard.ratelimit.RateLimiterStore;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory {@link RateLimiterStore}: one resilience4j {@link AtomicRateLimiter} per key and
 * tier, with timeout zero so a call never waits.
 *
 * <p>resilience4j counts fixed windows lock-free and is well tested; it reads time from a
 * nanosecond supplier, which this class feeds from the configured {@link Clock} (epoch
 * nanoseconds), so tests that step the clock get exact burst, refill and wait values. The
 * constructor that takes the supplier belongs to resilience4j's own {@code internal} package; it
 * is public and stable in 2.x, and the clock tests fail loudly if an upgrade changes it.
 *
 * <p>Bound: at most {@code maxTrackedKeys} limiters exist at any moment. A new key is added under
 * a lock; when the map is full, limiters idle for {@code idleEviction} are removed, and if that
 * frees too little, the least recently used are removed until 10% of the room is free. Lookups
 * of known keys take no lock. Each entry costs about 560 bytes of heap (measured by the flood
 * test), so the default bound of 100,000 keys holds roughly 55 MB at most. An evicted key that
 * comes back starts with a full budget; under a flood of distinct keys a busy legitimate key can
 * be evicted this way, which gives it at most one extra period's budget.
 */
public final class InMemoryRateLimiterStore implements RateLimiterStore {
    private static final Logger log = LoggerFactory.getLogger(InMemoryRateLimiterStore.class);

    private final int maxTrackedKeys;
    private final long idleNanos;
    private final Clock clock;
    private final Supplier<Long> nanoTime;
    private final Map<Slot, Entry> entries = new ConcurrentHashMap<>();
    private final Map<RateLimitTier, RateLimiterConfig> configs = new ConcurrentHashMap<>();
    private final Object insertLock = new Object();
    private long lastIdleSweep;
    private long evictions;
    private boolean warnedFull;

    public InMemoryRateLimiterStore(int maxTrackedKeys, Duration idleEviction, Clock clock) {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys: must be at least 1, was "
                    + maxTrackedKeys);
        }
        this.maxTrackedKeys = maxTrackedKeys;
        this.idleNanos = idleEviction.toNanos();
        this.clock = clock;
        this.nanoTime = this::clockNanos;
        this.lastIdleSweep = clockNanos();
    }

    @Override
    public RateLimitResult tryAcquire(RateLimitKey key, RateLimitTier tier) {
        Entry entry = entryFor(new Slot(key, tier));
        entry.lastUsed = clockNanos();

        boolean permitted = entry.limiter.acquirePermission(1);

        return permitted ? permittedResult(entry, tier) : refusedResult(entry, tier);
    }

    @Override
    public RateLimitResult peek(RateLimitKey key, RateLimitTier tier) {
        Entry entry = entries.get(new Slot(key, tier));
        if (entry == null) {
            return RateLimitResult.permitted(tier.limitForPeriod(), tier.limitForPeriod());
        }
        int available = entry.limiter.getMetrics().getAvailablePermissions();
        return available > 0 ? permittedResult(entry, tier) : refusedResult(entry, tier);
    }

    /** Returns how many limiters the store holds now. */
    public int trackedKeys() {
        return entries.size();
    }

    /** Returns how many limiters were evicted since the store was made. */
    public long evictions() {
        synchronized (insertLock) {
            return evictions;
        }
    }

    private RateLimitResult permittedResult(Entry entry, RateLimitTier tier) {
        int available = entry.limiter.getMetrics().getAvailablePermissions();
        int remaining = Math.max(0, Math.min(tier.limitForPeriod(), available));
        return RateLimitResult.permitted(tier.limitForPeriod(), remaining);
    }

    private RateLimitResult refusedResult(Entry entry, RateLimitTier tier) {
        long nanos = entry.limiter.getDetailedMetrics().getNanosToWait();
        return RateLimitResult.refused(tier.limitForPeriod(), Duration.ofNanos(Math.max(1, nanos)));
    }

    private Entry entryFor(Slot slot) {
        Entry entry = entries.get(slot);
        if (entry != null) {
            return entry;
        }
        synchronized (insertLock) {
            entry = entries.get(slot);
            if (entry == null) {
                makeRoom();
                entry = new Entry(new AtomicRateLimiter(slot.toString(), configFor(slot.tier),
                        nanoTime), clockNanos());
                entries.put(slot, entry);
            }
            return entry;
        }
    }

    // Called with insertLock held.
    private void makeRoom() {
        long now = clockNanos();
        boolean full = entries.size() >= maxTrackedKeys;
        if (!full && now - lastIdleSweep < idleNanos) {
            return;
        }
        lastIdleSweep = now;
        int before = entries.size();
        entries.values().removeIf(e -> now - e.lastUsed >= idleNanos);
        if (entries.size() >= maxTrackedKeys) {
            removeLeastRecentlyUsed(entries.size() - (maxTrackedKeys - Math.max(1,
                    maxTrackedKeys / 10)));
        }
        int removed = before - entries.size();
        evictions += removed;
        if (full && !warnedFull) {
            warnedFull = true;
            log.warn("rate limit store reached its bound of {} keys (a flood of distinct keys?);"
                    + " evicting idle and least recently used budgets", maxTrackedKeys);
        } else if (full) {
            log.debug("rate limit store full at {} keys; evicted {}", maxTrackedKeys, removed);
        }
    }

    // Finds the count-th oldest use time with a primitive sort, then removes everything older and
    // as many entries at exactly that time as are still needed.
    private void removeLeastRecentlyUsed(int count) {
        long[] times = entries.values().stream().mapToLong(e -> e.lastUsed).toArray();
        if (count <= 0 || times.length == 0) {
            return;
        }
        Arrays.sort(times);
        long threshold = times[Math.min(count, times.length) - 1];
        int removed = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            if (it.next().lastUsed < threshold) {
                it.remove();
                removed++;
            }
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && removed < count;) {
            if (it.next().lastUsed == threshold) {
                it.remove();
                removed++;
            }
        }
    }

    private RateLimiterConfig configFor(RateLimitTier tier) {
        return configs.computeIfAbsent(tier, t -> RateLimiterConfig.custom()
                .limitForPeriod(t.limitForPeriod())
                .limitRefreshPeriod(t.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    private long clockNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private record Slot(RateLimitKey key, RateLimitTier tier) {
        @Override
        public String toString() {
            return tier.name() + ":" + key.kind();
        }
    }

    private static final class Entry {
        final AtomicRateLimiter limiter;
        volatile long lastUsed;

        Entry(AtomicRateLimiter limiter, long created) {
            this.limiter = limiter;
            this.lastUsed = created;
        }
    }
}
