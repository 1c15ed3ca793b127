package io.fhirguard.ratelimit;

import io.fhirguard.ratelimit.internal.InMemoryRateLimiterStore;

/**
 * Keeps the request budgets: one per key and tier. The service provider interface between
 * {@link RateLimitPolicy} and where the counts live, so a distributed implementation (for
 * example on a shared cache) can replace the in-memory one without touching the pipeline.
 *
 * <p>Implementations must be thread-safe and must never block on a full budget: a request over
 * its limit is answered at once with a refused result. A store that cannot reach its backend
 * should throw a {@link io.fhirguard.refusal.FhirGuardException} with
 * {@link io.fhirguard.refusal.Reason#INTERNAL_ERROR} or another refusal rather than permit the
 * request (fail closed). Keys arrive with API key values already hashed.
 *
 * @since 1.0
 */
public interface RateLimiterStore {

    /**
     * Takes one request from the key's budget in the given tier, if one is left.
     *
     * @param key the key the budget is kept under
     * @param tier the budget's size and period; a key seen under a new tier starts a new budget
     * @return permitted with the remaining count, or refused with the time until the next
     *     request would be permitted
     */
    RateLimitResult tryAcquire(RateLimitKey key, RateLimitTier tier);

    /**
     * Reports the key's budget without taking from it, for checks made before expensive work.
     *
     * @param key the key
     * @param tier the tier
     * @return permitted when at least one request is left (with that count as remaining),
     *     otherwise refused with the time until the next request would be permitted
     */
    RateLimitResult peek(RateLimitKey key, RateLimitTier tier);

    /**
     * Creates the in-memory store: one resilience4j {@code AtomicRateLimiter} per key and tier,
     * at most {@link RateLimitConfig#maxTrackedKeys()} of them, idle ones evicted after
     * {@link RateLimitConfig#idleEviction()} (about 560 bytes of heap each, so some 55 MB at the
     * default bound). Budgets are per JVM: behind a load balancer with several nodes, each node
     * counts separately.
     *
     * @param config the limits, bounds and clock
     * @return a new, empty, thread-safe store
     */
    static RateLimiterStore inMemory(RateLimitConfig config) {
        return new InMemoryRateLimiterStore(config.maxTrackedKeys(), config.idleEviction(),
                config.clock());
    }
}
