package io.fhirguard.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable settings for {@code private_key_jwt} client authentication (RFC 7523 §2.2, SMART
 * Backend Services): the client id, the signing key, the assertion audience and lifetime.
 *
 * <p>Defaults: audience {@link AssertionAudience#TOKEN_ENDPOINT}, lifetime 3 minutes (at most
 * 5, as SMART requires; a little under it leaves room for clock drift), system UTC clock.
 * Thread-safe.
 *
 * @since 1.0
 */
public final class PrivateKeyJwtConfig {
    private final String clientId;
    private final SigningKey signingKey;
    private final AssertionAudience audience;
    private final Duration lifetime;
    private final Clock clock;

    private PrivateKeyJwtConfig(Builder b) {
        this.clientId = b.clientId;
        this.signingKey = b.signingKey;
        this.audience = b.audience;
        this.lifetime = b.lifetime;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().clientId(clientId).signingKey(signingKey).audience(audience)
                .lifetime(lifetime).clock(clock);
    }

    /**
     * Returns the client id, used as {@code iss} and {@code sub}.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * Returns the key that signs assertions.
     *
     * @return the signing key
     */
    public SigningKey signingKey() {
        return signingKey;
    }

    /**
     * Returns what the {@code aud} claim holds.
     *
     * @return the audience choice, default {@link AssertionAudience#TOKEN_ENDPOINT}
     */
    public AssertionAudience audience() {
        return audience;
    }

    /**
     * Returns how far ahead {@code exp} is set.
     *
     * @return the lifetime, default 3 minutes, at most 5
     */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Returns the clock for {@code iat} and {@code exp}.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "PrivateKeyJwtConfig[clientId=" + clientId + ", key=" + signingKey
                + ", audience=" + audience + ", lifetime=" + lifetime + "]";
    }

    /**
     * Builds {@link PrivateKeyJwtConfig}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private String clientId;
        private SigningKey signingKey;
        private AssertionAudience audience = AssertionAudience.TOKEN_ENDPOINT;
        private Duration lifetime = Duration.ofMinutes(3);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the client id (required).
         *
         * @param clientId the registered client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets the signing key (required).
         *
         * @param signingKey the key
         * @return this builder
         */
        public Builder signingKey(SigningKey signingKey) {
            this.signingKey = signingKey;
            return this;
        }

        /**
         * Sets what the {@code aud} claim holds.
         *
         * @param audience the choice
         * @return this builder
         */
        public Builder audience(AssertionAudience audience) {
            this.audience = audience;
            return this;
        }

        /**
         * Sets how far ahead {@code exp} is set.
         *
         * @param lifetime between 10 seconds and 5 minutes
         * @return this builder
         */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
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
         * @throws IllegalArgumentException naming every invalid setting
         */
        public PrivateKeyJwtConfig build() {
            List<String> problems = new ArrayList<>();
            if (clientId == null || clientId.isBlank()) {
                problems.add("clientId is missing");
            }
            if (signingKey == null) {
                problems.add("signingKey is missing");
            }
            if (audience == null) {
                problems.add("audience is missing");
            }
            if (clock == null) {
                problems.add("clock is missing");
            }
            if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(10)) < 0
                    || lifetime.compareTo(Duration.ofMinutes(5)) > 0) {
                problems.add("lifetime is " + lifetime + "; allowed 10 seconds to 5 minutes "
                        + "(SMART Backend Services)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid PrivateKeyJwtConfig: "
                        + String.join("; ", problems));
            }
            return new PrivateKeyJwtConfig(this);
        }
    }
}
