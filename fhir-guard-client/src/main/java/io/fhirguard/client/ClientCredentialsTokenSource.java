package io.fhirguard.client;

import io.fhirguard.client.internal.HttpTransport;
import io.fhirguard.client.internal.TokenCache;
import io.fhirguard.client.internal.TokenEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets access tokens with the client-credentials grant (RFC 6749 §4.4; SMART Backend Services)
 * and caches them.
 *
 * <p>The token is refreshed ahead of expiry: it counts as fresh until
 * {@code max(expires_in - refreshSkew, expires_in / 2)} after it was obtained (default skew
 * 60 s). When the server sends no {@code expires_in}, the token is assumed to live
 * {@code defaultLifetime} (default 60 s, so it is fetched again after 30 s); a token that dies
 * sooner is caught by the 401 handling of {@link BearerTokenInterceptor}.
 *
 * <p>Thread-safe and single-flight: any number of concurrent callers of {@link #token()} cause
 * one token request and share its result or its {@link OAuthClientException}. When a refresh
 * fails while the previous token has not expired yet, the previous token is returned and a WARN
 * logged.
 *
 * <pre>{@code
 * TokenSource tokens = ClientCredentialsTokenSource.builder()
 *         .metadata(AuthorizationServerMetadata.discover(issuer, OAuthHttpConfig.defaults()))
 *         .authentication(ClientAuthentication.privateKeyJwt(keyConfig))
 *         .scopes(List.of("system/Patient.rs"))
 *         .build();
 * }</pre>
 *
 * @since 1.0
 */
public final class ClientCredentialsTokenSource implements TokenSource {
    private final TokenCache cache;
    private final List<String> scopes;

    private ClientCredentialsTokenSource(Builder b) {
        this.scopes = List.copyOf(b.scopes);
        TokenEndpoint endpoint = new TokenEndpoint(b.metadata, b.authentication,
                new HttpTransport(b.http), b.clock);
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "client_credentials");
        if (!scopes.isEmpty()) {
            grant.put("scope", String.join(" ", scopes));
        }
        Map<String, String> fixed = Map.copyOf(grant);
        this.cache = new TokenCache(() -> endpoint.requestToken(fixed), b.clock, b.refreshSkew,
                b.defaultLifetime);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the cached token, or requests one when there is none or it is due for refresh.
     *
     * @return a fresh token
     * @throws OAuthClientException when the token endpoint is unreachable or refuses
     */
    @Override
    public TokenResponse token() {
        return cache.get();
    }

    @Override
    public void invalidate(String rejectedAccessToken) {
        cache.invalidate(rejectedAccessToken);
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenSource[scopes=" + scopes + "]";
    }

    /**
     * Builds a {@link ClientCredentialsTokenSource}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private AuthorizationServerMetadata metadata;
        private ClientAuthentication authentication;
        private List<String> scopes = List.of();
        private OAuthHttpConfig http = OAuthHttpConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration refreshSkew = Duration.ofSeconds(60);
        private Duration defaultLifetime = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets the authorization server (required).
         *
         * @param metadata discovered or hand-built metadata
         * @return this builder
         */
        public Builder metadata(AuthorizationServerMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Sets how the client authenticates (required).
         *
         * @param authentication the client authentication
         * @return this builder
         */
        public Builder authentication(ClientAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        /**
         * Sets the scopes to request, for example {@code system/Observation.rs}.
         *
         * @param scopes the scopes; empty to let the server choose
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /**
         * Sets the HTTP settings of the token calls.
         *
         * @param http timeouts and limits; default {@link OAuthHttpConfig#defaults()}
         * @return this builder
         */
        public Builder http(OAuthHttpConfig http) {
            this.http = http;
            return this;
        }

        /**
         * Sets the clock that decides when a token is due for refresh.
         *
         * @param clock the clock; default system UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets how long before expiry the token is refreshed.
         *
         * @param skew 0 to 10 minutes; default 60 s
         * @return this builder
         */
        public Builder refreshSkew(Duration skew) {
            this.refreshSkew = skew;
            return this;
        }

        /**
         * Sets the lifetime assumed when the server sends no {@code expires_in}.
         *
         * @param lifetime 1 s to 1 hour; default 60 s
         * @return this builder
         */
        public Builder defaultLifetime(Duration lifetime) {
            this.defaultLifetime = lifetime;
            return this;
        }

        /**
         * Checks every setting and builds the source; no request is made yet.
         *
         * @return the token source
         * @throws IllegalArgumentException naming every invalid setting
         */
        public ClientCredentialsTokenSource build() {
            List<String> problems = new ArrayList<>();
            if (metadata == null) {
                problems.add("metadata is missing");
            }
            if (authentication == null) {
                problems.add("authentication is missing");
            }
            if (scopes == null || scopes.stream().anyMatch(s -> s == null || s.isBlank()
                    || s.contains(" "))) {
                problems.add("scopes must be a list of non-blank scopes without spaces");
            }
            TokenSettings.check(http, clock, refreshSkew, defaultLifetime, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid ClientCredentialsTokenSource: "
                        + String.join("; ", problems));
            }
            return new ClientCredentialsTokenSource(this);
        }
    }
}
