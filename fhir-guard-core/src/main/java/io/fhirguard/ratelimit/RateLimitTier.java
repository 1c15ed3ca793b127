package io.fhirguard.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named request budget: at most {@link #limitForPeriod()} requests in each
 * {@link #refreshPeriod()}. The budget is refilled in full at the start of each period (fixed
 * windows per key, as resilience4j's limiter counts them), so a key can spend its whole budget as
 * a burst and then waits for the next period.
 *
 * <p>Immutable and thread-safe; two tiers are equal when name, limit and period are equal.
 *
 * @param name a short name for logs and metrics, {@code [A-Za-z0-9._-]{1,64}}
 * @param limitForPeriod requests allowed per period, at least 1
 * @param refreshPeriod the period length, at least one millisecond
 * @since 1.0
 */
public record RateLimitTier(String name, int limitForPeriod, Duration refreshPeriod) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Checks the values.
     *
     * @param name a short name, {@code [A-Za-z0-9._-]{1,64}}
     * @param limitForPeriod requests allowed per period, at least 1
     * @param refreshPeriod the period, at least one millisecond
     * @throws NullPointerException when name or period is null
     * @throws IllegalArgumentException when a value is outside the range given above
     */
    public RateLimitTier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(refreshPeriod, "refreshPeriod");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must match [A-Za-z0-9._-]{1,64}, was '"
                    + name + "'");
        }
        if (limitForPeriod < 1) {
            throw new IllegalArgumentException("limitForPeriod: must be at least 1, was "
                    + limitForPeriod);
        }
        if (refreshPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("refreshPeriod: must be at least 1 ms, was "
                    + refreshPeriod);
        }
    }

    /**
     * Creates a tier.
     *
     * @param name a short name, {@code [A-Za-z0-9._-]{1,64}}
     * @param limitForPeriod requests allowed per period, at least 1
     * @param refreshPeriod the period, at least one millisecond
     * @return the tier
     * @throws IllegalArgumentException when a value is out of range
     */
    public static RateLimitTier of(String name, int limitForPeriod, Duration refreshPeriod) {
        return new RateLimitTier(name, limitForPeriod, refreshPeriod);
    }

    /**
     * Returns the sustained rate in requests per second, to compare tiers.
     *
     * @return {@code limitForPeriod / refreshPeriod} in requests per second
     */
    public double requestsPerSecond() {
        return limitForPeriod * 1_000_000_000.0 / refreshPeriod.toNanos();
    }
}
