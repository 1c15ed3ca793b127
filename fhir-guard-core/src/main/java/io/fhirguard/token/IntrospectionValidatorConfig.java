package io.fhirguard.token;

import io.fhirguard.token.internal.ConfigChecks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link IntrospectionValidator} (RFC 7662).
 *
 * <p>Immutable and thread-safe; {@link Builder#build()} reports every problem at once.
 * Required: the endpoint, the client id and secret, and at least one audience (the answer's
 * {@code aud} must name one). Defaults (units in brackets): {@code CLIENT_SECRET_BASIC};
 * {@code exp} required in the answer; clock skew 60 s; {@code cacheTtl} 60 s;
 * {@code cacheSize} 10000 [tokens]; {@code connectTimeout} 2 s; {@code readTimeout} 5 s (whole
 * response); {@code maxResponseBytes} 65536 [bytes]; {@code maxTokenLength} 8192
 * [characters]; role claim {@code roles}; HTTPS required except for loopback hosts.
 *
 * <p>{@link #toString()} never shows the client secret.
 *
 * @since 1.0
 */
public final class IntrospectionValidatorConfig {
    private final URI endpoint;
    private final String clientId;
    private final byte[] clientSecret;
    private final ClientAuthentication clientAuthentication;
    private final List<String> audiences;
    private final String issuer;
    private final boolean expRequired;
    private final Duration clockSkew;
    private final Duration cacheTtl;
    private final int cacheSize;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final int maxTokenLength;
    private final String roleClaim;
    private final Clock clock;
    private final RevocationRegistry revocationRegistry;

    private IntrospectionValidatorConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret.getBytes(StandardCharsets.UTF_8);
        this.clientAuthentication = b.clientAuthentication;
        this.audiences = List.copyOf(b.audiences);
        this.issuer = b.issuer;
        this.expRequired = b.expRequired;
        this.clockSkew = b.clockSkew;
        this.cacheTtl = b.cacheTtl;
        this.cacheSize = b.cacheSize;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxTokenLength = b.maxTokenLength;
        this.roleClaim = b.roleClaim;
        this.clock = b.clock;
        this.revocationRegistry = b.revocationRegistry;
    }

    /**
     * Starts a configuration.
     *
     * @param endpoint the introspection endpoint; {@code https}, or {@code http} on loopback
     * @param clientId the client id fhir-guard authenticates with
     * @param clientSecret the client secret; never logged
     * @return a builder with the defaults listed on this class
     */
    public static Builder builder(URI endpoint, String clientId, String clientSecret) {
        return new Builder(endpoint, clientId, clientSecret);
    }

    /**
     * Returns the introspection endpoint.
     *
     * @return the introspection endpoint
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Returns the client id fhir-guard authenticates with.
     *
     * @return the client id fhir-guard authenticates with
     */
    public String clientId() {
        return clientId;
    }

    /**
     * Returns a copy of the client secret's UTF-8 bytes.
     *
     * @return a copy of the client secret's UTF-8 bytes
     */
    public byte[] clientSecret() {
        return clientSecret.clone();
    }

    /**
     * Returns how the client authenticates.
     *
     * @return how the client authenticates; default {@code CLIENT_SECRET_BASIC}
     */
    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /**
     * Returns the audiences, one of which the answer's {@code aud} must name.
     *
     * @return the audiences, one of which the answer's {@code aud} must name
     */
    public List<String> audiences() {
        return audiences;
    }

    /**
     * Returns the issuer the answer's {@code iss} must equal, or empty to skip that check.
     *
     * @return the issuer the answer's {@code iss} must equal, or empty to skip that check
     */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns true when an answer without {@code exp} is refused.
     *
     * @return true when an answer without {@code exp} is refused; default true
     */
    public boolean isExpRequired() {
        return expRequired;
    }

    /**
     * Returns the clock skew allowed on {@code exp}, {@code nbf}, {@code iat}.
     *
     * @return the clock skew allowed on {@code exp}, {@code nbf}, {@code iat}; default 60 s
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * Returns the longest time an active answer is cached.
     *
     * @return the longest time an active answer is cached; default 60 s
     */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /**
     * Returns how many answers are cached at most.
     *
     * @return how many answers are cached at most; 0 turns the cache off; default 10000
     */
    public int cacheSize() {
        return cacheSize;
    }

    /**
     * Returns the connect timeout.
     *
     * @return the connect timeout; default 2 s
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the time allowed for the whole response.
     *
     * @return the time allowed for the whole response; default 5 s
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the largest answer accepted, in bytes.
     *
     * @return the largest answer accepted, in bytes; default 65536
     */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Returns the longest token sent to the endpoint, in characters.
     *
     * @return the longest token sent to the endpoint, in characters; default 8192
     */
    public int maxTokenLength() {
        return maxTokenLength;
    }

    /**
     * Returns the dotted path of the role member in the answer.
     *
     * @return the dotted path of the role member in the answer; default {@code roles}
     */
    public String roleClaim() {
        return roleClaim;
    }

    /**
     * Returns the clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the revocation registry checked after an active answer, or empty.
     *
     * @return the revocation registry checked after an active answer, or empty
     */
    public Optional<RevocationRegistry> revocationRegistry() {
        return Optional.ofNullable(revocationRegistry);
    }

    /**
     * Describes the configuration without the secret.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "IntrospectionValidatorConfig[" + endpoint + " client=" + clientId
                + " secret=*** auth=" + clientAuthentication + " aud=" + audiences + "]";
    }

    /**
     * Builds an {@link IntrospectionValidatorConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final URI endpoint;
        private final String clientId;
        private final String clientSecret;
        private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;
        private final List<String> audiences = new ArrayList<>();
        private String issuer;
        private boolean expRequired = true;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration cacheTtl = Duration.ofSeconds(60);
        private int cacheSize = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxResponseBytes = 64 * 1024;
        private int maxTokenLength = 8192;
        private String roleClaim = "roles";
        private Clock clock = Clock.systemUTC();
        private RevocationRegistry revocationRegistry;
        private boolean insecureHttpAllowed;

        private Builder(URI endpoint, String clientId, String clientSecret) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        }

        /**
         * Sets the client authentication method.
         *
         * @param method the method; default {@code CLIENT_SECRET_BASIC}
         * @return this builder
         */
        public Builder clientAuthentication(ClientAuthentication method) {
            this.clientAuthentication = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Adds audiences; at least one is required.
         *
         * @param audiences audience values, compared exactly
         * @return this builder
         */
        public Builder audiences(String... audiences) {
            this.audiences.addAll(Arrays.asList(audiences));
            return this;
        }

        /**
         * Requires the answer's {@code iss} to equal this value exactly.
         *
         * @param issuer the issuer
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Sets whether an answer without {@code exp} is refused.
         *
         * @param required default true
         * @return this builder
         */
        public Builder expRequired(boolean required) {
            this.expRequired = required;
            return this;
        }

        /**
         * Sets the clock skew.
         *
         * @param clockSkew 0 .. 300 s; default 60 s
         * @return this builder
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        /**
         * Sets the cache of active answers.
         *
         * @param ttl the longest time an answer is reused; default 60 s
         * @param size the most answers kept, 0 .. 1000000; default 10000
         * @return this builder
         */
        public Builder cache(Duration ttl, int size) {
            this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
            this.cacheSize = size;
            return this;
        }

        /**
         * Sets the HTTP timeouts.
         *
         * @param connect default 2 s
         * @param read time for the whole response; default 5 s
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.readTimeout = Objects.requireNonNull(read, "read");
            return this;
        }

        /**
         * Sets the largest answer accepted.
         *
         * @param maxResponseBytes bytes, at least 1024; default 65536
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Sets the longest token accepted; longer ones are refused without a call.
         *
         * @param maxTokenLength characters, 16 .. 1048576; default 8192
         * @return this builder
         */
        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        /**
         * Sets the dotted path of the role member.
         *
         * @param roleClaim for example {@code roles} or {@code realm_access.roles}
         * @return this builder
         */
        public Builder roleClaim(String roleClaim) {
            this.roleClaim = Objects.requireNonNull(roleClaim, "roleClaim");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the revocation registry; its changes clear the cache.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder revocationRegistry(RevocationRegistry registry) {
            this.revocationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Allows a plain {@code http} endpoint on a non-loopback host. Tokens and the client
         * secret then cross the network in clear; use only on a trusted network.
         *
         * @param allowed true to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allowed) {
            this.insecureHttpAllowed = allowed;
            return this;
        }

        /**
         * Checks the whole configuration and builds it.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException listing every problem found (never the secret)
         */
        public IntrospectionValidatorConfig build() {
            List<String> problems = new ArrayList<>();
            ConfigChecks.checkUri("endpoint", endpoint, insecureHttpAllowed, problems);
            if (clientId.isBlank()) {
                problems.add("clientId: must not be blank");
            }
            if (clientSecret.isEmpty()) {
                problems.add("clientSecret: must not be empty");
            }
            if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
                problems.add("audiences: at least one non-blank audience is required");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(TrustedIssuer.MAX_CLOCK_SKEW) > 0) {
                problems.add("clockSkew: " + clockSkew + " is outside 0..PT5M");
            }
            if (!ConfigChecks.isClaimPath(roleClaim)) {
                problems.add("roleClaim: '" + roleClaim + "' is not a dotted claim path of"
                        + " printable ASCII without quotes, backslashes or spaces");
            }
            ConfigChecks.positive("cacheTtl", cacheTtl, problems);
            ConfigChecks.range("cacheSize", cacheSize, 0, 1_000_000, problems);
            ConfigChecks.positive("connectTimeout", connectTimeout, problems);
            ConfigChecks.positive("readTimeout", readTimeout, problems);
            ConfigChecks.range("maxResponseBytes", maxResponseBytes, 1024, 16 << 20, problems);
            ConfigChecks.range("maxTokenLength", maxTokenLength, 16, 1 << 20, problems);
            ConfigChecks.throwIfAny("IntrospectionValidatorConfig", problems);
            return new IntrospectionValidatorConfig(this);
        }
    }
}
