package io.fhirguard.servlet;

import io.fhirguard.servlet.internal.SettingsLoader;
import io.fhirguard.servlet.internal.SettingsValidator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The plain settings of a {@link FhirGuardFilter}: every value that can come from the
 * programmatic builder, from {@code web.xml} init parameters, or from system properties and
 * environment variables. Objects such as a custom audit sink are given to
 * {@link FhirGuardFilter.Builder} instead.
 *
 * <p>Each setting has three names, derived the same way: the init parameter is the camel-case
 * name ({@code jwksUri}), the system property adds {@code fhirguard.} ({@code
 * fhirguard.jwksUri}), and the environment variable is upper-case with underscores ({@code
 * FHIRGUARD_JWKS_URI}). {@code docs/configuration.md} lists every setting with its default and
 * unit. Durations are ISO-8601 ({@code PT30S}) or whole seconds ({@code 30}); sizes are bytes,
 * optionally with {@code KiB} or {@code MiB}; lists are comma-separated.
 *
 * <p>Instances are immutable and thread-safe. {@link Builder#build()} checks the whole object
 * and reports every problem at once, so an invalid configuration never reaches a running
 * filter.
 *
 * @since 1.0
 */
public final class FhirGuardSettings {
    /** The public paths when none are configured: the capability statement and SMART discovery. */
    public static final List<String> DEFAULT_PUBLIC_PATHS =
            List.of("metadata", ".well-known/smart-configuration");
    /** The SMART capabilities advertised when none are configured. */
    public static final List<String> DEFAULT_SMART_CAPABILITIES = List.of(
            "launch-standalone", "client-public", "client-confidential-symmetric",
            "context-standalone-patient", "permission-patient", "permission-user",
            "permission-v1", "permission-v2");

    private final String issuer;
    private final List<String> audience;
    private final URI jwksUri;
    private final Duration clockSkew;
    private final String realm;
    private final List<String> publicPaths;
    private final List<String> corsAllowedOrigins;
    private final Duration corsMaxAge;
    private final Duration hstsMaxAge;
    private final long maxRequestBodyBytes;
    private final long maxResponseBufferBytes;
    private final List<String> trustedProxies;
    private final int clientRateLimit;
    private final Duration clientRateLimitPeriod;
    private final int unauthenticatedRateLimit;
    private final Duration unauthenticatedRateLimitPeriod;
    private final boolean lenientParameters;
    private final URI smartDiscoveryUri;
    private final URI smartAuthorizationEndpoint;
    private final URI smartTokenEndpoint;
    private final List<String> smartCapabilities;
    private final List<String> smartScopesSupported;
    private final List<String> smartGrantTypes;
    private final boolean revocationEndpointEnabled;
    private final String revocationAdminScope;
    private final String revocationPath;
    private final Duration outageRetryAfter;

    private FhirGuardSettings(Builder b) {
        issuer = b.issuer;
        audience = List.copyOf(b.audience);
        jwksUri = b.jwksUri;
        clockSkew = b.clockSkew;
        realm = b.realm;
        publicPaths = List.copyOf(b.publicPaths);
        corsAllowedOrigins = List.copyOf(b.corsAllowedOrigins);
        corsMaxAge = b.corsMaxAge;
        hstsMaxAge = b.hstsMaxAge;
        maxRequestBodyBytes = b.maxRequestBodyBytes;
        maxResponseBufferBytes = b.maxResponseBufferBytes;
        trustedProxies = List.copyOf(b.trustedProxies);
        clientRateLimit = b.clientRateLimit;
        clientRateLimitPeriod = b.clientRateLimitPeriod;
        unauthenticatedRateLimit = b.unauthenticatedRateLimit;
        unauthenticatedRateLimitPeriod = b.unauthenticatedRateLimitPeriod;
        lenientParameters = b.lenientParameters;
        smartDiscoveryUri = b.smartDiscoveryUri;
        smartAuthorizationEndpoint = b.smartAuthorizationEndpoint;
        smartTokenEndpoint = b.smartTokenEndpoint;
        smartCapabilities = List.copyOf(b.smartCapabilities);
        smartScopesSupported = List.copyOf(b.smartScopesSupported);
        smartGrantTypes = List.copyOf(b.smartGrantTypes);
        revocationEndpointEnabled = b.revocationEndpointEnabled;
        revocationAdminScope = b.revocationAdminScope;
        revocationPath = b.revocationPath;
        outageRetryAfter = b.outageRetryAfter;
    }

    /**
     * Starts settings with every default; at least {@code issuer} and {@code audience} must be
     * set before {@link Builder#build()} unless the filter gets its own token validator.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads settings from system properties ({@code fhirguard.*}) and environment variables
     * ({@code FHIRGUARD_*}); a system property wins over an environment variable, and an unset
     * setting keeps its default.
     *
     * @return a builder holding what was found, to adjust or {@link Builder#build() build}
     * @throws IllegalArgumentException listing every value that cannot be parsed
     */
    public static Builder fromEnvironment() {
        return fromSources(System.getProperties()::getProperty, System.getenv());
    }

    /**
     * Reads settings from explicit sources, as {@link #fromEnvironment()} does; for tests and for
     * hosts that keep configuration elsewhere.
     *
     * @param properties looks up a system-property-style name ({@code fhirguard.issuer}),
     *     returning {@code null} when unset
     * @param environment environment-style names ({@code FHIRGUARD_ISSUER}) to values
     * @return a builder holding what was found
     * @throws IllegalArgumentException listing every value that cannot be parsed
     */
    public static Builder fromSources(UnaryOperator<String> properties,
            Map<String, String> environment) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(environment, "environment");
        return SettingsLoader.load(name -> null, properties, environment::get);
    }

    /**
     * Returns a builder holding these settings, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.issuer = issuer;
        b.audience = audience;
        b.jwksUri = jwksUri;
        b.clockSkew = clockSkew;
        b.realm = realm;
        b.publicPaths = publicPaths;
        b.corsAllowedOrigins = corsAllowedOrigins;
        b.corsMaxAge = corsMaxAge;
        b.hstsMaxAge = hstsMaxAge;
        b.maxRequestBodyBytes = maxRequestBodyBytes;
        b.maxResponseBufferBytes = maxResponseBufferBytes;
        b.trustedProxies = trustedProxies;
        b.clientRateLimit = clientRateLimit;
        b.clientRateLimitPeriod = clientRateLimitPeriod;
        b.unauthenticatedRateLimit = unauthenticatedRateLimit;
        b.unauthenticatedRateLimitPeriod = unauthenticatedRateLimitPeriod;
        b.lenientParameters = lenientParameters;
        b.smartDiscoveryUri = smartDiscoveryUri;
        b.smartAuthorizationEndpoint = smartAuthorizationEndpoint;
        b.smartTokenEndpoint = smartTokenEndpoint;
        b.smartCapabilities = smartCapabilities;
        b.smartScopesSupported = smartScopesSupported;
        b.smartGrantTypes = smartGrantTypes;
        b.revocationEndpointEnabled = revocationEndpointEnabled;
        b.revocationAdminScope = revocationAdminScope;
        b.revocationPath = revocationPath;
        b.outageRetryAfter = outageRetryAfter;
        return b;
    }

    /**
     * Returns the trusted token issuer, compared exactly with the {@code iss} claim.
     *
     * @return the issuer, or empty when the filter was given its own token validator
     */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns the audiences a token must name at least one of ({@code aud}).
     *
     * @return the audiences; empty only when the filter was given its own token validator
     */
    public List<String> audience() {
        return audience;
    }

    /**
     * Returns the JWKS URL the issuer's signing keys are read from.
     *
     * @return the URL, or empty to discover it from the issuer's metadata
     */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /**
     * Returns the clock skew allowed when checking {@code exp}, {@code nbf} and {@code iat}.
     * Default 60 seconds, at most 300.
     *
     * @return the skew
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * Returns the realm named in {@code WWW-Authenticate: Bearer realm="..."}. Default
     * {@code fhir}.
     *
     * @return the realm
     */
    public String realm() {
        return realm;
    }

    /**
     * Returns the base-relative paths that need no credential. Default {@code metadata} and
     * {@code .well-known/smart-configuration}. A path matches exactly; it is compared after the
     * FHIR base, without a leading slash.
     *
     * @return the paths
     */
    public List<String> publicPaths() {
        return publicPaths;
    }

    /**
     * Returns the browser origins allowed by CORS, each {@code scheme://host[:port]}, or the
     * single entry {@code *}. Default none: CORS headers are never sent and preflights are
     * refused.
     *
     * @return the origins
     */
    public List<String> corsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    /**
     * Returns how long a browser may cache a preflight answer ({@code Access-Control-Max-Age}).
     * Default 600 seconds.
     *
     * @return the duration
     */
    public Duration corsMaxAge() {
        return corsMaxAge;
    }

    /**
     * Returns the {@code Strict-Transport-Security} max-age sent on secure requests. Default
     * 365 days; zero sends no HSTS header.
     *
     * @return the duration
     */
    public Duration hstsMaxAge() {
        return hstsMaxAge;
    }

    /**
     * Returns the largest request body the filter reads to check it (a {@code _search} form,
     * a batch or transaction, a create or update). Default 5 MiB; a larger body gets 413.
     *
     * @return the limit in bytes
     */
    public long maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /**
     * Returns the largest response the filter buffers when the decision requires a response
     * check. Default 16 MiB. A bigger response is never passed unchecked: the client gets a 502
     * {@code OperationOutcome} with reason {@code response-too-large}. Memory per request is at
     * most this value plus the re-encoded result.
     *
     * @return the limit in bytes
     */
    public long maxResponseBufferBytes() {
        return maxResponseBufferBytes;
    }

    /**
     * Returns the proxies whose {@code Forwarded} / {@code X-Forwarded-For} headers are believed,
     * as IP addresses or CIDR ranges. Default none: the socket address is the client.
     *
     * @return the proxies
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /**
     * Returns how many requests one client ({@code client_id}, else subject) may make per
     * {@link #clientRateLimitPeriod()}. Default 50.
     *
     * @return the limit
     */
    public int clientRateLimit() {
        return clientRateLimit;
    }

    /**
     * Returns the period of {@link #clientRateLimit()}. Default 1 second.
     *
     * @return the period
     */
    public Duration clientRateLimitPeriod() {
        return clientRateLimitPeriod;
    }

    /**
     * Returns how many requests without a valid credential one address may make per
     * {@link #unauthenticatedRateLimitPeriod()}, so token guessing is slowed before it costs
     * signature checks. Default 30.
     *
     * @return the limit
     */
    public int unauthenticatedRateLimit() {
        return unauthenticatedRateLimit;
    }

    /**
     * Returns the period of {@link #unauthenticatedRateLimit()}. Default 60 seconds.
     *
     * @return the period
     */
    public Duration unauthenticatedRateLimitPeriod() {
        return unauthenticatedRateLimitPeriod;
    }

    /**
     * Tells whether unknown search parameters are dropped with a warning instead of refused.
     * Default {@code false} (strict).
     *
     * @return true for lenient mode
     */
    public boolean lenientParameters() {
        return lenientParameters;
    }

    /**
     * Returns the authorization server's metadata URL that SMART discovery copies endpoints
     * from. Default: {@code <issuer>/.well-known/openid-configuration}.
     *
     * @return the URL, or empty when there is no issuer
     */
    public Optional<URI> smartDiscoveryUri() {
        if (smartDiscoveryUri == null && issuer != null) {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return Optional.of(URI.create(base + "/.well-known/openid-configuration"));
        }
        return Optional.ofNullable(smartDiscoveryUri);
    }

    /**
     * Returns the {@code authorization_endpoint} to advertise; it wins over the discovered one.
     *
     * @return the URL, or empty to use the discovered one
     */
    public Optional<URI> smartAuthorizationEndpoint() {
        return Optional.ofNullable(smartAuthorizationEndpoint);
    }

    /**
     * Returns the {@code token_endpoint} to advertise; it wins over the discovered one.
     *
     * @return the URL, or empty to use the discovered one
     */
    public Optional<URI> smartTokenEndpoint() {
        return Optional.ofNullable(smartTokenEndpoint);
    }

    /**
     * Returns the SMART {@code capabilities} to advertise. Default
     * {@link #DEFAULT_SMART_CAPABILITIES}; check them against what your authorization server
     * really supports.
     *
     * @return the capabilities
     */
    public List<String> smartCapabilities() {
        return smartCapabilities;
    }

    /**
     * Returns the {@code scopes_supported} to advertise. Default: the authorization server's
     * list, else {@code openid fhirUser launch launch/patient offline_access online_access
     * patient/*.rs user/*.rs system/*.rs}.
     *
     * @return the scopes
     */
    public List<String> smartScopesSupported() {
        return smartScopesSupported;
    }

    /**
     * Returns the {@code grant_types_supported} to advertise. Default
     * {@code authorization_code} and {@code client_credentials}.
     *
     * @return the grant types
     */
    public List<String> smartGrantTypes() {
        return smartGrantTypes;
    }

    /**
     * Tells whether the admin revocation endpoint is served. Default {@code false}.
     *
     * @return true when enabled
     */
    public boolean revocationEndpointEnabled() {
        return revocationEndpointEnabled;
    }

    /**
     * Returns the scope a token needs to use the revocation endpoint; required when the
     * endpoint is enabled.
     *
     * @return the scope, or empty
     */
    public Optional<String> revocationAdminScope() {
        return Optional.ofNullable(revocationAdminScope);
    }

    /**
     * Returns the base-relative path of the revocation endpoint. Default
     * {@code fhirguard/revocations}.
     *
     * @return the path, without a leading slash
     */
    public String revocationPath() {
        return revocationPath;
    }

    /**
     * Returns the {@code Retry-After} sent with a 503 when the cause gives none. Default 30
     * seconds.
     *
     * @return the delay
     */
    public Duration outageRetryAfter() {
        return outageRetryAfter;
    }

    /**
     * Describes the main settings. The settings hold no secret, so nothing needs masking.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "FhirGuardSettings[issuer=" + issuer + ", audience=" + audience
                + ", publicPaths=" + publicPaths + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", revocationEndpointEnabled=" + revocationEndpointEnabled + "]";
    }

    /**
     * Builds {@link FhirGuardSettings}. Not thread-safe. Setters only record values;
     * {@link #build()} checks them all together.
     *
     * @since 1.0
     */
    public static final class Builder {
        private String issuer;
        private List<String> audience = List.of();
        private URI jwksUri;
        private Duration clockSkew = Duration.ofSeconds(60);
        private String realm = "fhir";
        private List<String> publicPaths = DEFAULT_PUBLIC_PATHS;
        private List<String> corsAllowedOrigins = List.of();
        private Duration corsMaxAge = Duration.ofMinutes(10);
        private Duration hstsMaxAge = Duration.ofDays(365);
        private long maxRequestBodyBytes = 5L * 1024 * 1024;
        private long maxResponseBufferBytes = 16L * 1024 * 1024;
        private List<String> trustedProxies = List.of();
        private int clientRateLimit = 50;
        private Duration clientRateLimitPeriod = Duration.ofSeconds(1);
        private int unauthenticatedRateLimit = 30;
        private Duration unauthenticatedRateLimitPeriod = Duration.ofSeconds(60);
        private boolean lenientParameters;
        private URI smartDiscoveryUri;
        private URI smartAuthorizationEndpoint;
        private URI smartTokenEndpoint;
        private List<String> smartCapabilities = DEFAULT_SMART_CAPABILITIES;
        private List<String> smartScopesSupported = List.of();
        private List<String> smartGrantTypes = List.of("authorization_code",
                "client_credentials");
        private boolean revocationEndpointEnabled;
        private String revocationAdminScope;
        private String revocationPath = "fhirguard/revocations";
        private Duration outageRetryAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Sets the trusted issuer; see {@link FhirGuardSettings#issuer()}.
         *
         * @param issuer the exact {@code iss} value, HTTPS unless loopback
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * Sets the accepted audiences; see {@link FhirGuardSettings#audience()}.
         *
         * @param audience one or more audiences
         * @return this builder
         */
        public Builder audience(List<String> audience) {
            this.audience = List.copyOf(audience);
            return this;
        }

        /**
         * Sets the accepted audiences; see {@link FhirGuardSettings#audience()}.
         *
         * @param audience one or more audiences
         * @return this builder
         */
        public Builder audience(String... audience) {
            return audience(List.of(audience));
        }

        /**
         * Sets the JWKS URL; see {@link FhirGuardSettings#jwksUri()}.
         *
         * @param jwksUri the URL, or {@code null} to discover it
         * @return this builder
         */
        public Builder jwksUri(URI jwksUri) {
            this.jwksUri = jwksUri;
            return this;
        }

        /**
         * Sets the clock skew; see {@link FhirGuardSettings#clockSkew()}.
         *
         * @param clockSkew between zero and 300 seconds
         * @return this builder
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        /**
         * Sets the realm; see {@link FhirGuardSettings#realm()}.
         *
         * @param realm printable ASCII without {@code "} or {@code \}
         * @return this builder
         */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /**
         * Sets the public paths; see {@link FhirGuardSettings#publicPaths()}.
         *
         * @param publicPaths base-relative paths without a leading slash
         * @return this builder
         */
        public Builder publicPaths(List<String> publicPaths) {
            this.publicPaths = List.copyOf(publicPaths);
            return this;
        }

        /**
         * Sets the CORS origins; see {@link FhirGuardSettings#corsAllowedOrigins()}.
         *
         * @param origins {@code scheme://host[:port]} values, or just {@code *}
         * @return this builder
         */
        public Builder corsAllowedOrigins(List<String> origins) {
            this.corsAllowedOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * Sets the preflight cache time; see {@link FhirGuardSettings#corsMaxAge()}.
         *
         * @param corsMaxAge zero or more
         * @return this builder
         */
        public Builder corsMaxAge(Duration corsMaxAge) {
            this.corsMaxAge = corsMaxAge;
            return this;
        }

        /**
         * Sets the HSTS max-age; see {@link FhirGuardSettings#hstsMaxAge()}.
         *
         * @param hstsMaxAge zero (no header) or more
         * @return this builder
         */
        public Builder hstsMaxAge(Duration hstsMaxAge) {
            this.hstsMaxAge = hstsMaxAge;
            return this;
        }

        /**
         * Sets the request body limit; see {@link FhirGuardSettings#maxRequestBodyBytes()}.
         *
         * @param bytes at least 1 KiB
         * @return this builder
         */
        public Builder maxRequestBodyBytes(long bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /**
         * Sets the response buffer limit; see
         * {@link FhirGuardSettings#maxResponseBufferBytes()}.
         *
         * @param bytes at least 1 KiB
         * @return this builder
         */
        public Builder maxResponseBufferBytes(long bytes) {
            this.maxResponseBufferBytes = bytes;
            return this;
        }

        /**
         * Sets the trusted proxies; see {@link FhirGuardSettings#trustedProxies()}.
         *
         * @param proxies IP addresses or CIDR ranges
         * @return this builder
         */
        public Builder trustedProxies(List<String> proxies) {
            this.trustedProxies = List.copyOf(proxies);
            return this;
        }

        /**
         * Sets the per-client limit; see {@link FhirGuardSettings#clientRateLimit()}.
         *
         * @param requests requests per period, at least 1
         * @return this builder
         */
        public Builder clientRateLimit(int requests) {
            this.clientRateLimit = requests;
            return this;
        }

        /**
         * Sets the per-client limit's period; see
         * {@link FhirGuardSettings#clientRateLimitPeriod()}.
         *
         * @param period positive, at most one day
         * @return this builder
         */
        public Builder clientRateLimitPeriod(Duration period) {
            this.clientRateLimitPeriod = period;
            return this;
        }

        /**
         * Sets the per-address limit for requests without a valid credential; see
         * {@link FhirGuardSettings#unauthenticatedRateLimit()}.
         *
         * @param requests requests per period, at least 1
         * @return this builder
         */
        public Builder unauthenticatedRateLimit(int requests) {
            this.unauthenticatedRateLimit = requests;
            return this;
        }

        /**
         * Sets that limit's period; see
         * {@link FhirGuardSettings#unauthenticatedRateLimitPeriod()}.
         *
         * @param period positive, at most one day
         * @return this builder
         */
        public Builder unauthenticatedRateLimitPeriod(Duration period) {
            this.unauthenticatedRateLimitPeriod = period;
            return this;
        }

        /**
         * Chooses lenient parameter checking; see
         * {@link FhirGuardSettings#lenientParameters()}.
         *
         * @param lenient true to drop unknown parameters with a warning
         * @return this builder
         */
        public Builder lenientParameters(boolean lenient) {
            this.lenientParameters = lenient;
            return this;
        }

        /**
         * Sets where SMART discovery reads the authorization server's metadata; see
         * {@link FhirGuardSettings#smartDiscoveryUri()}.
         *
         * @param uri the metadata URL, or {@code null} for the default
         * @return this builder
         */
        public Builder smartDiscoveryUri(URI uri) {
            this.smartDiscoveryUri = uri;
            return this;
        }

        /**
         * Sets the advertised authorization endpoint; see
         * {@link FhirGuardSettings#smartAuthorizationEndpoint()}.
         *
         * @param uri the URL, or {@code null} to use the discovered one
         * @return this builder
         */
        public Builder smartAuthorizationEndpoint(URI uri) {
            this.smartAuthorizationEndpoint = uri;
            return this;
        }

        /**
         * Sets the advertised token endpoint; see
         * {@link FhirGuardSettings#smartTokenEndpoint()}.
         *
         * @param uri the URL, or {@code null} to use the discovered one
         * @return this builder
         */
        public Builder smartTokenEndpoint(URI uri) {
            this.smartTokenEndpoint = uri;
            return this;
        }

        /**
         * Sets the advertised SMART capabilities; see
         * {@link FhirGuardSettings#smartCapabilities()}.
         *
         * @param capabilities capability codes from SMART App Launch 2.x
         * @return this builder
         */
        public Builder smartCapabilities(List<String> capabilities) {
            this.smartCapabilities = List.copyOf(capabilities);
            return this;
        }

        /**
         * Sets the advertised scopes; see {@link FhirGuardSettings#smartScopesSupported()}.
         *
         * @param scopes scope strings
         * @return this builder
         */
        public Builder smartScopesSupported(List<String> scopes) {
            this.smartScopesSupported = List.copyOf(scopes);
            return this;
        }

        /**
         * Sets the advertised grant types; see {@link FhirGuardSettings#smartGrantTypes()}.
         *
         * @param grantTypes OAuth 2.0 grant type names
         * @return this builder
         */
        public Builder smartGrantTypes(List<String> grantTypes) {
            this.smartGrantTypes = List.copyOf(grantTypes);
            return this;
        }

        /**
         * Enables or disables the admin revocation endpoint; see
         * {@link FhirGuardSettings#revocationEndpointEnabled()}. Enabling it requires
         * {@link #revocationAdminScope(String)}.
         *
         * @param enabled true to serve the endpoint
         * @return this builder
         */
        public Builder revocationEndpointEnabled(boolean enabled) {
            this.revocationEndpointEnabled = enabled;
            return this;
        }

        /**
         * Sets the scope the revocation endpoint requires; see
         * {@link FhirGuardSettings#revocationAdminScope()}.
         *
         * @param scope one scope token
         * @return this builder
         */
        public Builder revocationAdminScope(String scope) {
            this.revocationAdminScope = scope;
            return this;
        }

        /**
         * Sets the revocation endpoint's path; see {@link FhirGuardSettings#revocationPath()}.
         *
         * @param path base-relative, without a leading slash
         * @return this builder
         */
        public Builder revocationPath(String path) {
            this.revocationPath = path;
            return this;
        }

        /**
         * Sets the default {@code Retry-After} of a 503; see
         * {@link FhirGuardSettings#outageRetryAfter()}.
         *
         * @param delay at least one second
         * @return this builder
         */
        public Builder outageRetryAfter(Duration delay) {
            this.outageRetryAfter = delay;
            return this;
        }

        /**
         * Checks every setting and builds the settings.
         *
         * @return the immutable settings
         * @throws IllegalArgumentException listing every problem found, each naming the
         *     setting, the rejected value and what is allowed
         */
        public FhirGuardSettings build() {
            FhirGuardSettings settings = new FhirGuardSettings(this);
            List<String> problems = SettingsValidator.validate(settings);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid fhir-guard settings ("
                        + problems.size() + "): " + String.join("; ", problems));
            }
            return settings;
        }
    }
}
