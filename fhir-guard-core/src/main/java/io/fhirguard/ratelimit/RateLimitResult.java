package io.fhirguard.ratelimit;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a rate limit check: permitted or not, plus the data for the
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code Retry-After} response headers.
 *
 * <p>Immutable and thread-safe. {@link #retryAfter()} is always a whole number of seconds, rounded
 * up, because {@code Retry-After} (RFC 9110 §10.2.3) carries seconds; a refused result waits at
 * least one second.
 *
 * @since 1.0
 */
public final class RateLimitResult {
    private final boolean permitted;
    private final int limit;
    private final int remaining;
    private final Duration retryAfter;
    private final Reason reason;

    private RateLimitResult(boolean permitted, int limit, int remaining, Duration retryAfter,
            Reason reason) {
        this.permitted = permitted;
        this.limit = limit;
        this.remaining = remaining;
        this.retryAfter = retryAfter;
        this.reason = reason;
    }

    /**
     * Creates a permitted result.
     *
     * @param limit the requests allowed per period, at least 1
     * @param remaining the requests left in the current period after this one, 0 to limit
     * @return the result
     * @throws IllegalArgumentException when a count is out of range
     */
    public static RateLimitResult permitted(int limit, int remaining) {
        checkCounts(limit, remaining);
        return new RateLimitResult(true, limit, remaining, Duration.ZERO, Reason.RATE_LIMITED);
    }

    /**
     * Creates a refused result.
     *
     * @param limit the requests allowed per period, at least 1
     * @param wait how long until a request would be permitted; rounded up to whole seconds, at
     *     least one
     * @return the result, with no requests remaining
     * @throws IllegalArgumentException when the limit is below 1 or the wait is negative
     */
    public static RateLimitResult refused(int limit, Duration wait) {
        checkCounts(limit, 0);
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: must not be negative, was " + wait);
        }
        return new RateLimitResult(false, limit, 0, roundUpToSeconds(wait), Reason.RATE_LIMITED);
    }

    /**
     * Tells whether the request may go on.
     *
     * @return true when permitted
     */
    public boolean isPermitted() {
        return permitted;
    }

    /**
     * Returns the requests allowed per period, for {@code RateLimit-Limit}.
     *
     * @return at least 1
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns the requests left in the current period, for {@code RateLimit-Remaining}.
     *
     * @return 0 for a refused result; otherwise 0 to {@link #limit()}
     */
    public int remaining() {
        return remaining;
    }

    /**
     * Returns how long the client should wait, for {@code Retry-After}.
     *
     * @return whole seconds: zero when permitted, at least one second when refused
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Returns the reason a refusal made from this result carries.
     *
     * @return {@link Reason#RATE_LIMITED} or {@link Reason#RATE_LIMITED_UNAUTHENTICATED}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Turns a refused result into the 429 refusal ({@code throttled}) with {@code Retry-After}.
     *
     * @return the refusal, ready to throw
     * @throws IllegalStateException when the result is permitted
     */
    public FhirGuardException toRefusal() {
        if (permitted) {
            throw new IllegalStateException("a permitted rate limit result is no refusal");
        }
        String description = reason == Reason.RATE_LIMITED_UNAUTHENTICATED
                ? "Too many requests without valid credentials from this address; retry after "
                        + retryAfter.getSeconds() + " s"
                : "Request rate limit exceeded; retry after " + retryAfter.getSeconds() + " s";
        return FhirGuardException.builder(reason, description).retryAfter(retryAfter).build();
    }

    RateLimitResult withReason(Reason newReason) {
        return new RateLimitResult(permitted, limit, remaining, retryAfter,
                Objects.requireNonNull(newReason, "reason"));
    }

    @Override
    public String toString() {
        return "RateLimitResult[" + (permitted ? "permitted" : "refused") + " limit=" + limit
                + " remaining=" + remaining + " retryAfter=" + retryAfter.getSeconds() + "s]";
    }

    private static void checkCounts(int limit, int remaining) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        }
        if (remaining < 0 || remaining > limit) {
            throw new IllegalArgumentException("remaining: must be 0 to " + limit + ", was "
                    + remaining);
        }
    }

    private static Duration roundUpToSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
