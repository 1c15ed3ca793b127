package io.fhirguard.ratelimit;

import io.fhirguard.ratelimit.internal.IpRange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable rate limit settings: the budgets per key kind, client and role, the stricter budget
 * for requests without valid credentials, the trusted proxies, and the bounds of the in-memory
 * store.
 *
 * <p>Defaults: {@link #defaultTier()} 100 requests per second; {@link #unauthenticatedTier()} 20
 * requests per minute per address; key order {@code CLIENT_ID, SUBJECT}; no trusted proxies;
 * {@link #maxTrackedKeys()} 100,000; {@link #idleEviction()} 10 minutes; the system UTC clock.
 *
 * <p>{@link Builder#build()} checks every setting and reports all problems in one
 * {@link IllegalArgumentException}. Thread-safe.
 *
 * @since 1.0
 */
public final class RateLimitConfig {
    private final RateLimitTier defaultTier;
    private final Map<RateLimitKey.Kind, RateLimitTier> kindTiers;
    private final Map<String, RateLimitTier> clientTiers;
    private final Map<String, RateLimitTier> roleTiers;
    private final RateLimitTier unauthenticatedTier;
    private final List<RateLimitKey.Kind> tokenKeyOrder;
    private final List<String> trustedProxies;
    private final int maxTrackedKeys;
    private final Duration idleEviction;
    private final Clock clock;

    private RateLimitConfig(Builder b) {
        this.defaultTier = b.defaultTier;
        this.kindTiers = Map.copyOf(b.kindTiers);
        this.clientTiers = Map.copyOf(b.clientTiers);
        this.roleTiers = Map.copyOf(b.roleTiers);
        this.unauthenticatedTier = b.unauthenticatedTier;
        this.tokenKeyOrder = List.copyOf(b.tokenKeyOrder);
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.maxTrackedKeys = b.maxTrackedKeys;
        this.idleEviction = b.idleEviction;
        this.clock = b.clock;
    }

    /**
     * Starts a configuration with the defaults listed above.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaultTier = defaultTier;
        b.kindTiers.putAll(kindTiers);
        b.clientTiers.putAll(clientTiers);
        b.roleTiers.putAll(roleTiers);
        b.unauthenticatedTier = unauthenticatedTier;
        b.tokenKeyOrder = new ArrayList<>(tokenKeyOrder);
        b.trustedProxies = new ArrayList<>(trustedProxies);
        b.maxTrackedKeys = maxTrackedKeys;
        b.idleEviction = idleEviction;
        b.clock = clock;
        return b;
    }

    /**
     * Returns the budget used when no client, role or kind tier applies.
     *
     * @return the tier; default 100 requests per second
     */
    public RateLimitTier defaultTier() {
        return defaultTier;
    }

    /**
     * Returns the budget for keys of one kind, when one was set.
     *
     * @param kind the key kind
     * @return the tier, or empty to use the default tier
     */
    public Optional<RateLimitTier> tierFor(RateLimitKey.Kind kind) {
        return Optional.ofNullable(kindTiers.get(kind));
    }

    /**
     * Returns the per-client overrides, keyed by {@code client_id}.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, RateLimitTier> clientTiers() {
        return clientTiers;
    }

    /**
     * Returns the per-role overrides, keyed by role name as found in {@code AccessToken.roles()}.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, RateLimitTier> roleTiers() {
        return roleTiers;
    }

    /**
     * Returns the per-address budget for requests without credentials and for failed
     * authentications; it should be far smaller than the others, so token guessing is slow.
     *
     * @return the tier; default 20 requests per minute
     */
    public RateLimitTier unauthenticatedTier() {
        return unauthenticatedTier;
    }

    /**
     * Returns the order in which a token's identities are tried as the key.
     *
     * @return {@code CLIENT_ID} and/or {@code SUBJECT}; default both, client first
     */
    public List<RateLimitKey.Kind> tokenKeyOrder() {
        return tokenKeyOrder;
    }

    /**
     * Returns the proxies whose {@code Forwarded} and {@code X-Forwarded-For} headers are
     * believed, as IP addresses or CIDR blocks.
     *
     * @return the list; default empty (headers are never believed)
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /**
     * Returns the most budgets the in-memory store keeps at once; past it, idle and then least
     * recently used budgets are evicted.
     *
     * @return the bound; default 100,000
     */
    public int maxTrackedKeys() {
        return maxTrackedKeys;
    }

    /**
     * Returns how long a budget may go unused before the in-memory store may evict it.
     *
     * @return the duration; default 10 minutes, never shorter than any tier's period
     */
    public Duration idleEviction() {
        return idleEviction;
    }

    /**
     * Returns the clock budgets are counted by.
     *
     * @return the clock; default {@link Clock#systemUTC()}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Builds a {@link RateLimitConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private RateLimitTier defaultTier = RateLimitTier.of("default", 100, Duration.ofSeconds(1));
        private final Map<RateLimitKey.Kind, RateLimitTier> kindTiers =
                new EnumMap<>(RateLimitKey.Kind.class);
        private final Map<String, RateLimitTier> clientTiers = new LinkedHashMap<>();
        private final Map<String, RateLimitTier> roleTiers = new LinkedHashMap<>();
        private RateLimitTier unauthenticatedTier =
                RateLimitTier.of("unauthenticated", 20, Duration.ofMinutes(1));
        private List<RateLimitKey.Kind> tokenKeyOrder =
                List.of(RateLimitKey.Kind.CLIENT_ID, RateLimitKey.Kind.SUBJECT);
        private List<String> trustedProxies = new ArrayList<>();
        private int maxTrackedKeys = 100_000;
        private Duration idleEviction = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the budget used when nothing more specific applies.
         *
         * @param tier the tier
         * @return this builder
         */
        public Builder defaultTier(RateLimitTier tier) {
            this.defaultTier = tier;
            return this;
        }

        /**
         * Sets the budget for every key of one kind (before client and role overrides).
         *
         * @param kind the key kind
         * @param tier the tier
         * @return this builder
         */
        public Builder tier(RateLimitKey.Kind kind, RateLimitTier tier) {
            kindTiers.put(Objects.requireNonNull(kind, "kind"), tier);
            return this;
        }

        /**
         * Sets the budget for one OAuth client; it wins over role and kind tiers.
         *
         * @param clientId the {@code client_id}
         * @param tier the tier
         * @return this builder
         */
        public Builder clientTier(String clientId, RateLimitTier tier) {
            clientTiers.put(Objects.requireNonNull(clientId, "clientId"), tier);
            return this;
        }

        /**
         * Sets the budget for tokens carrying a role; it wins over kind tiers. When a token has
         * several roles with tiers, the most generous one (highest requests per second) applies.
         *
         * @param role the role name
         * @param tier the tier
         * @return this builder
         */
        public Builder roleTier(String role, RateLimitTier tier) {
            roleTiers.put(Objects.requireNonNull(role, "role"), tier);
            return this;
        }

        /**
         * Sets the per-address budget for requests without valid credentials.
         *
         * @param tier the tier
         * @return this builder
         */
        public Builder unauthenticatedTier(RateLimitTier tier) {
            this.unauthenticatedTier = tier;
            return this;
        }

        /**
         * Sets which token identity becomes the key, in order of preference.
         *
         * @param order non-empty, of {@code CLIENT_ID} and {@code SUBJECT} only
         * @return this builder
         */
        public Builder tokenKeyOrder(List<RateLimitKey.Kind> order) {
            this.tokenKeyOrder = new ArrayList<>(order);
            return this;
        }

        /**
         * Sets the trusted proxies.
         *
         * @param proxies IP addresses or CIDR blocks such as {@code 10.0.0.0/8}
         * @return this builder
         */
        public Builder trustedProxies(List<String> proxies) {
            this.trustedProxies = new ArrayList<>(proxies);
            return this;
        }

        /**
         * Sets the bound of the in-memory store.
         *
         * @param maxTrackedKeys 1 to 10,000,000
         * @return this builder
         */
        public Builder maxTrackedKeys(int maxTrackedKeys) {
            this.maxTrackedKeys = maxTrackedKeys;
            return this;
        }

        /**
         * Sets how long an unused budget is kept.
         *
         * @param idleEviction at least the longest tier period
         * @return this builder
         */
        public Builder idleEviction(Duration idleEviction) {
            this.idleEviction = idleEviction;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException listing every problem, one per line
         */
        public RateLimitConfig build() {
            List<String> problems = new ArrayList<>();
            require(problems, defaultTier, "defaultTier");
            require(problems, unauthenticatedTier, "unauthenticatedTier");
            require(problems, clock, "clock");
            checkTiers(problems);
            checkKeyOrder(problems);
            checkProxies(problems);
            checkBounds(problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid rate limit configuration:\n- "
                        + String.join("\n- ", problems));
            }
            return new RateLimitConfig(this);
        }

        private void checkTiers(List<String> problems) {
            kindTiers.forEach((k, t) -> require(problems, t, "tier(" + k + ")"));
            clientTiers.forEach((c, t) -> require(problems, t, "clientTier(" + c + ")"));
            roleTiers.forEach((r, t) -> require(problems, t, "roleTier(" + r + ")"));
        }

        private void checkKeyOrder(List<String> problems) {
            if (tokenKeyOrder.isEmpty() || tokenKeyOrder.stream().anyMatch(k ->
                    k != RateLimitKey.Kind.CLIENT_ID && k != RateLimitKey.Kind.SUBJECT)) {
                problems.add("tokenKeyOrder: must be a non-empty list of CLIENT_ID and SUBJECT,"
                        + " was " + tokenKeyOrder);
            }
        }

        private void checkProxies(List<String> problems) {
            for (String proxy : trustedProxies) {
                try {
                    IpRange.parse(Objects.requireNonNull(proxy, "proxy"));
                } catch (IllegalArgumentException | NullPointerException e) {
                    problems.add("trustedProxies: '" + proxy
                            + "' is no IP address or CIDR block (host names are not accepted)");
                }
            }
        }

        private void checkBounds(List<String> problems) {
            if (maxTrackedKeys < 1 || maxTrackedKeys > 10_000_000) {
                problems.add("maxTrackedKeys: must be 1 to 10000000, was " + maxTrackedKeys);
            }
            if (idleEviction == null) {
                problems.add("idleEviction: must be set");
                return;
            }
            Duration longest = longestPeriod();
            if (idleEviction.compareTo(longest) < 0) {
                problems.add("idleEviction: must be at least the longest tier period (" + longest
                        + ") so an exhausted budget is not forgotten early, was " + idleEviction);
            }
        }

        private Duration longestPeriod() {
            List<RateLimitTier> all = new ArrayList<>(kindTiers.values());
            all.addAll(clientTiers.values());
            all.addAll(roleTiers.values());
            all.add(defaultTier);
            all.add(unauthenticatedTier);
            return all.stream().filter(Objects::nonNull).map(RateLimitTier::refreshPeriod)
                    .max(Duration::compareTo).orElse(Duration.ZERO);
        }

        private static void require(List<String> problems, Object value, String name) {
            if (value == null) {
                problems.add(name + ": must be set");
            }
        }
    }
}
