/**
 * Rate limiting: per-client, per-user, per-API-key and per-address request budgets, with a
 * stricter budget for requests that carry no valid credentials.
 *
 * <p>{@link io.fhirguard.ratelimit.RateLimitPolicy} picks the key and tier for a request and asks
 * a {@link io.fhirguard.ratelimit.RateLimiterStore}; the in-memory store from
 * {@link io.fhirguard.ratelimit.RateLimiterStore#inMemory(RateLimitConfig)} is built on
 * resilience4j's {@code AtomicRateLimiter}. A refused request becomes a 429 with
 * {@code Retry-After} through {@link io.fhirguard.ratelimit.RateLimitResult#toRefusal()}.
 * {@link io.fhirguard.ratelimit.ClientAddressResolver} finds the client address behind trusted
 * proxies.
 *
 * @since 1.0
 */
package io.fhirguard.ratelimit;
