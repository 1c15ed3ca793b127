package io.fhirguard.token;

import io.fhirguard.token.internal.ConfigChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link JwtValidator}: the trusted issuers, limits, key-cache behaviour, HTTP
 * timeouts, the verified-token cache and the revocation registry.
 *
 * <p>Immutable and thread-safe; made by {@link #builder()}, whose {@link Builder#build()}
 * reports every problem at once. Defaults (units in brackets):
 * <ul>
 *   <li>{@code maxTokenLength} 8192 [characters], checked before any decoding;</li>
 *   <li>{@code maxJsonDepth} 16 [nesting levels] for header and claims;</li>
 *   <li>JWKS TTL from {@code Cache-Control: max-age}, clamped to {@code minKeyTtl} 60 s ..
 *       {@code maxKeyTtl} 3600 s; {@code defaultKeyTtl} 300 s without a usable header;</li>
 *   <li>{@code maxKeyStaleness} 3600 s: how long past its TTL a key set keeps serving while the
 *       key server is down;</li>
 *   <li>{@code unknownKidRefetchInterval} 30 s: at most one refetch per issuer per interval
 *       for an unknown {@code kid};</li>
 *   <li>{@code connectTimeout} 2 s, {@code readTimeout} 5 s (whole response),
 *       {@code maxResponseBytes} 262144 [bytes];</li>
 *   <li>{@code verifiedCacheSize} 10000 [tokens]; entries never outlive the token's
 *       {@code exp};</li>
 *   <li>{@code clock} {@link Clock#systemUTC()}; no revocation registry; background key
 *       refreshes on a daemon thread of the validator's own.</li>
 * </ul>
 *
 * @since 1.0
 */
public final class JwtValidatorConfig {
    private final List<TrustedIssuer> issuers;
    private final Clock clock;
    private final int maxTokenLength;
    private final int maxJsonDepth;
    private final Duration defaultKeyTtl;
    private final Duration minKeyTtl;
    private final Duration maxKeyTtl;
    private final Duration maxKeyStaleness;
    private final Duration unknownKidRefetchInterval;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final int verifiedCacheSize;
    private final RevocationRegistry revocationRegistry;
    private final Executor refreshExecutor;

    private JwtValidatorConfig(Builder b) {
        this.issuers = List.copyOf(b.issuers);
        this.clock = b.clock;
        this.maxTokenLength = b.maxTokenLength;
        this.maxJsonDepth = b.maxJsonDepth;
        this.defaultKeyTtl = b.defaultKeyTtl;
        this.minKeyTtl = b.minKeyTtl;
        this.maxKeyTtl = b.maxKeyTtl;
        this.maxKeyStaleness = b.maxKeyStaleness;
        this.unknownKidRefetchInterval = b.unknownKidRefetchInterval;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.verifiedCacheSize = b.verifiedCacheSize;
        this.revocationRegistry = b.revocationRegistry;
        this.refreshExecutor = b.refreshExecutor;
    }

    /**
     * Starts a configuration.
     *
     * @return a builder with the defaults listed on this class
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.issuers.addAll(issuers);
        b.clock = clock;
        b.maxTokenLength = maxTokenLength;
        b.maxJsonDepth = maxJsonDepth;
        b.defaultKeyTtl = defaultKeyTtl;
        b.minKeyTtl = minKeyTtl;
        b.maxKeyTtl = maxKeyTtl;
        b.maxKeyStaleness = maxKeyStaleness;
        b.unknownKidRefetchInterval = unknownKidRefetchInterval;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.maxResponseBytes = maxResponseBytes;
        b.verifiedCacheSize = verifiedCacheSize;
        b.revocationRegistry = revocationRegistry;
        b.refreshExecutor = refreshExecutor;
        return b;
    }

    /**
     * Returns the trusted issuers, at least one, unique by issuer string.
     *
     * @return the trusted issuers, at least one, unique by issuer string
     */
    public List<TrustedIssuer> issuers() {
        return issuers;
    }

    /**
     * Returns the clock that decides expiry and cache lifetimes.
     *
     * @return the clock that decides expiry and cache lifetimes
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the longest credential accepted, in characters.
     *
     * @return the longest credential accepted, in characters; default 8192
     */
    public int maxTokenLength() {
        return maxTokenLength;
    }

    /**
     * Returns the deepest JSON nesting accepted in header or claims.
     *
     * @return the deepest JSON nesting accepted in header or claims; default 16
     */
    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /**
     * Returns the key-set TTL used when the response has no usable max-age.
     *
     * @return the key-set TTL used when the response has no usable max-age; default 300 s
     */
    public Duration defaultKeyTtl() {
        return defaultKeyTtl;
    }

    /**
     * Returns the shortest key-set TTL, whatever Cache-Control says.
     *
     * @return the shortest key-set TTL, whatever Cache-Control says; default 60 s
     */
    public Duration minKeyTtl() {
        return minKeyTtl;
    }

    /**
     * Returns the longest key-set TTL, whatever Cache-Control says.
     *
     * @return the longest key-set TTL, whatever Cache-Control says; default 3600 s
     */
    public Duration maxKeyTtl() {
        return maxKeyTtl;
    }

    /**
     * Returns how long past its TTL a key set serves while refreshes fail.
     *
     * @return how long past its TTL a key set serves while refreshes fail; default 3600 s
     */
    public Duration maxKeyStaleness() {
        return maxKeyStaleness;
    }

    /**
     * Returns the least time between two unknown-kid refetches per issuer.
     *
     * @return the least time between two unknown-kid refetches per issuer; default 30 s
     */
    public Duration unknownKidRefetchInterval() {
        return unknownKidRefetchInterval;
    }

    /**
     * Returns the HTTP connect timeout.
     *
     * @return the HTTP connect timeout; default 2 s
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the time allowed to read a whole HTTP response.
     *
     * @return the time allowed to read a whole HTTP response; default 5 s
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the largest discovery or JWKS response accepted, in bytes.
     *
     * @return the largest discovery or JWKS response accepted, in bytes; default 262144
     */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Returns how many verified tokens are cached at most.
     *
     * @return how many verified tokens are cached at most; 0 turns the cache off
     */
    public int verifiedCacheSize() {
        return verifiedCacheSize;
    }

    /**
     * Returns the revocation registry checked after the signature, or empty for none.
     *
     * @return the revocation registry checked after the signature, or empty for none
     */
    public Optional<RevocationRegistry> revocationRegistry() {
        return Optional.ofNullable(revocationRegistry);
    }

    /**
     * Returns the executor for background key refreshes, or empty for the validator's own.
     *
     * @return the executor for background key refreshes, or empty for the validator's own
     */
    public Optional<Executor> refreshExecutor() {
        return Optional.ofNullable(refreshExecutor);
    }

    /**
     * Builds a {@link JwtValidatorConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final List<TrustedIssuer> issuers = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private int maxTokenLength = 8192;
        private int maxJsonDepth = 16;
        private Duration defaultKeyTtl = Duration.ofMinutes(5);
        private Duration minKeyTtl = Duration.ofMinutes(1);
        private Duration maxKeyTtl = Duration.ofHours(1);
        private Duration maxKeyStaleness = Duration.ofHours(1);
        private Duration unknownKidRefetchInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxResponseBytes = 256 * 1024;
        private int verifiedCacheSize = 10_000;
        private RevocationRegistry revocationRegistry;
        private Executor refreshExecutor;

        private Builder() {
        }

        /**
         * Adds a trusted issuer.
         *
         * @param issuer the issuer configuration
         * @return this builder
         */
        public Builder issuer(TrustedIssuer issuer) {
            issuers.add(Objects.requireNonNull(issuer, "issuer"));
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the longest credential accepted.
         *
         * @param maxTokenLength characters, 256 .. 1048576; default 8192
         * @return this builder
         */
        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        /**
         * Sets the deepest JSON nesting accepted.
         *
         * @param maxJsonDepth levels, 2 .. 64; default 16
         * @return this builder
         */
        public Builder maxJsonDepth(int maxJsonDepth) {
            this.maxJsonDepth = maxJsonDepth;
            return this;
        }

        /**
         * Sets the key-set TTL bounds and the TTL used without {@code Cache-Control}.
         *
         * @param min shortest TTL; default 60 s
         * @param defaultTtl TTL without a usable header; default 300 s
         * @param max longest TTL; default 3600 s
         * @return this builder
         */
        public Builder keyTtl(Duration min, Duration defaultTtl, Duration max) {
            this.minKeyTtl = Objects.requireNonNull(min, "min");
            this.defaultKeyTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
            this.maxKeyTtl = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Sets how long past its TTL a key set keeps serving while the key server is down.
         *
         * @param maxKeyStaleness default 3600 s; zero serves nothing stale
         * @return this builder
         */
        public Builder maxKeyStaleness(Duration maxKeyStaleness) {
            this.maxKeyStaleness = Objects.requireNonNull(maxKeyStaleness, "maxKeyStaleness");
            return this;
        }

        /**
         * Sets the least time between two refetches for unknown {@code kid}s, per issuer.
         *
         * @param interval default 30 s
         * @return this builder
         */
        public Builder unknownKidRefetchInterval(Duration interval) {
            this.unknownKidRefetchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets the HTTP timeouts for discovery and JWKS requests.
         *
         * @param connect connect timeout; default 2 s
         * @param read time for the whole response; default 5 s
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.readTimeout = Objects.requireNonNull(read, "read");
            return this;
        }

        /**
         * Sets the largest discovery or JWKS response accepted.
         *
         * @param maxResponseBytes bytes, at least 1024; default 262144
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Sets the size of the verified-token cache.
         *
         * @param verifiedCacheSize entries, 0 .. 1000000; 0 turns it off; default 10000
         * @return this builder
         */
        public Builder verifiedCacheSize(int verifiedCacheSize) {
            this.verifiedCacheSize = verifiedCacheSize;
            return this;
        }

        /**
         * Sets the revocation registry, checked after the signature on every validation and
         * cache hit; its changes clear the verified-token cache.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder revocationRegistry(RevocationRegistry registry) {
            this.revocationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets the executor that runs background key refreshes (a refresh past the TTL runs
         * there while the old keys keep serving). A direct executor ({@code Runnable::run})
         * makes refreshes synchronous.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder refreshExecutor(Executor executor) {
            this.refreshExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Checks the whole configuration and builds it.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException listing every problem found
         */
        public JwtValidatorConfig build() {
            List<String> problems = new ArrayList<>();
            checkIssuers(problems);
            ConfigChecks.range("maxTokenLength", maxTokenLength, 256, 1 << 20, problems);
            ConfigChecks.range("maxJsonDepth", maxJsonDepth, 2, 64, problems);
            ConfigChecks.range("maxResponseBytes", maxResponseBytes, 1024, 16 << 20, problems);
            ConfigChecks.range("verifiedCacheSize", verifiedCacheSize, 0, 1_000_000, problems);
            ConfigChecks.positive("minKeyTtl", minKeyTtl, problems);
            ConfigChecks.positive("connectTimeout", connectTimeout, problems);
            ConfigChecks.positive("readTimeout", readTimeout, problems);
            ConfigChecks.positive("unknownKidRefetchInterval", unknownKidRefetchInterval,
                    problems);
            if (maxKeyStaleness.isNegative()) {
                problems.add("maxKeyStaleness: " + maxKeyStaleness + " must not be negative");
            }
            if (minKeyTtl.compareTo(defaultKeyTtl) > 0 || defaultKeyTtl.compareTo(maxKeyTtl) > 0) {
                problems.add("keyTtl: need min <= default <= max, got " + minKeyTtl + ", "
                        + defaultKeyTtl + ", " + maxKeyTtl);
            }
            ConfigChecks.throwIfAny("JwtValidatorConfig", problems);
            return new JwtValidatorConfig(this);
        }

        private void checkIssuers(List<String> problems) {
            if (issuers.isEmpty()) {
                problems.add("issuers: at least one trusted issuer is required");
            }
            Set<String> seen = new HashSet<>();
            for (TrustedIssuer i : issuers) {
                if (!seen.add(i.issuer())) {
                    problems.add("issuers: " + i.issuer() + " is configured twice");
                }
            }
            for (TrustedIssuer i : issuers) {
                String other = i.issuer().endsWith("/")
                        ? i.issuer().substring(0, i.issuer().length() - 1) : i.issuer() + "/";
                if (i.issuer().endsWith("/") && seen.contains(other)) {
                    problems.add("issuers: " + other + " and " + i.issuer() + " differ only by a"
                            + " trailing slash; iss is compared exactly, configure only the"
                            + " value your server puts in iss");
                }
            }
        }
    }
}
