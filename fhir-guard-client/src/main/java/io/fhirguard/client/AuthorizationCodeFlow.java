package io.fhirguard.client;

import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.internal.Forms;
import io.fhirguard.client.internal.HttpTransport;
import io.fhirguard.client.internal.IdTokenVerifier;
import io.fhirguard.client.internal.RandomValues;
import io.fhirguard.client.internal.TokenEndpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization-code grant with PKCE (RFC 6749 §4.1, RFC 7636, SMART App Launch): builds
 * authorization URLs, validates the callback and exchanges the code for tokens.
 *
 * <p>PKCE always uses {@code S256}; {@code plain} is never sent, and a server whose metadata
 * lists code challenge methods without {@code S256} is refused when the flow is built. Each
 * {@link AuthorizationRequest} gets its own 128-bit {@code state}, a 256-bit PKCE verifier and,
 * when {@code openid} is requested, a {@code nonce}; the {@code aud} parameter is the FHIR base
 * URL (SMART App Launch). A state is accepted once: the first callback carrying it uses it up,
 * whatever the outcome.
 *
 * <p>{@link #complete(URI)} refuses a callback whose state is unknown, used or older than
 * {@code stateLifetime} (default 10 minutes), whose {@code iss} differs from the issuer (RFC
 * 9207; a missing {@code iss} is refused only when the metadata promises it), that carries an
 * OAuth error, or that has no code. With {@code openid}, the ID token's signature (from the
 * server's JWKS), issuer, audience, expiry and nonce are checked.
 *
 * <p>Thread-safe: one flow serves every user of an application. Pending requests live in
 * memory only, so a callback must reach the same JVM that built the request; at most
 * {@code maxPendingRequests} (default 1000) are held.
 *
 * @since 1.0
 */
public final class AuthorizationCodeFlow {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeFlow.class);

    private final AuthorizationServerMetadata metadata;
    private final ClientAuthentication authentication;
    private final URI redirectUri;
    private final URI fhirBaseUrl;
    private final List<String> scopes;
    private final Clock clock;
    private final Duration stateLifetime;
    private final int maxPendingRequests;
    private final Duration refreshSkew;
    private final Duration defaultLifetime;
    private final HttpTransport transport;
    private final TokenEndpoint tokenEndpoint;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String verifier, String nonce, Instant expiresAt) {
    }

    private AuthorizationCodeFlow(Builder b) {
        this.metadata = b.metadata;
        this.authentication = b.authentication;
        this.redirectUri = b.redirectUri;
        this.fhirBaseUrl = b.fhirBaseUrl;
        this.scopes = List.copyOf(b.scopes);
        this.clock = b.clock;
        this.stateLifetime = b.stateLifetime;
        this.maxPendingRequests = b.maxPendingRequests;
        this.refreshSkew = b.refreshSkew;
        this.defaultLifetime = b.defaultLifetime;
        this.transport = new HttpTransport(b.http);
        this.tokenEndpoint = new TokenEndpoint(metadata, authentication, transport, clock);
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
     * Starts a new authorization request with this flow's scopes.
     *
     * @return a builder whose {@code build()} registers the request with this flow
     */
    public AuthorizationRequest.Builder authorizationRequest() {
        return new AuthorizationRequest.Builder(this);
    }

    AuthorizationRequest register(String launch, List<String> requestScopes) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        if (pending.size() >= maxPendingRequests) {
            throw new IllegalStateException("too many pending authorization requests ("
                    + maxPendingRequests + "); finish or let some expire first");
        }
        List<String> effective = requestScopes == null ? scopes : List.copyOf(requestScopes);
        String state = RandomValues.urlSafe(16);
        String verifier = RandomValues.urlSafe(32);
        String nonce = effective.contains("openid") ? RandomValues.urlSafe(16) : null;
        Instant expiresAt = now.plus(stateLifetime);
        pending.put(state, new Pending(verifier, nonce, expiresAt));

        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", authentication.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", String.join(" ", effective));
        query.put("state", state);
        query.put("aud", fhirBaseUrl.toString());
        query.put("code_challenge", RandomValues.s256(verifier));
        query.put("code_challenge_method", "S256");
        if (nonce != null) {
            query.put("nonce", nonce);
        }
        if (launch != null) {
            query.put("launch", launch);
        }
        String endpoint = metadata.authorizationEndpoint().orElseThrow().toString();
        URI uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?")
                + Forms.encode(query));
        return new AuthorizationRequest(uri, state, nonce, expiresAt);
    }

    /**
     * Validates the redirect the authorization server sent the browser back with, exchanges
     * its code (with the PKCE verifier) for tokens and returns a token source holding them.
     *
     * @param callbackUri the full redirect URI as received, including its query
     * @return a token source that refreshes with the refresh token, if one was issued
     * @throws OAuthClientException {@link Category#INVALID_CALLBACK} for an unknown, used or
     *     expired state, an issuer mismatch, a missing code or an ID token that fails its
     *     checks; {@link Category#ERROR_RESPONSE} when the callback or the token endpoint
     *     carries an OAuth error; {@link Category#UNREACHABLE} when the token endpoint cannot
     *     be reached
     */
    public AuthorizationCodeTokenSource complete(URI callbackUri) {
        Map<String, String> params = callbackParameters(callbackUri);
        Pending request = consume(params.get("state"));
        checkIssuer(params.get("iss"));
        if (params.containsKey("error")) {
            throw OAuthClientException.ofError(Category.ERROR_RESPONSE,
                    "authorization was refused", params.get("error"),
                    params.get("error_description"));
        }
        String code = params.get("code");
        if (code == null || code.isEmpty()) {
            throw callback("callback has no code");
        }

        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "authorization_code");
        grant.put("code", code);
        grant.put("redirect_uri", redirectUri.toString());
        grant.put("code_verifier", request.verifier());
        TokenResponse token = tokenEndpoint.requestToken(grant);

        if (request.nonce() != null) {
            new IdTokenVerifier(metadata, transport, clock).verify(token.idToken().orElseThrow(
                    () -> callback("openid was requested but no id_token was returned")),
                    authentication.clientId(), request.nonce());
        }
        return new AuthorizationCodeTokenSource(token, tokenEndpoint, clock, refreshSkew,
                defaultLifetime);
    }

    private static Map<String, String> callbackParameters(URI callbackUri) {
        try {
            return Forms.decode(callbackUri.getRawQuery());
        } catch (IllegalArgumentException e) {
            throw callback("callback query is malformed: " + e.getMessage());
        }
    }

    private Pending consume(String state) {
        Pending request = state == null ? null : pending.remove(state);
        if (request == null || !clock.instant().isBefore(request.expiresAt())) {
            log.debug("Authorization callback refused: state unknown, used or expired");
            throw callback("state is unknown, already used or expired");
        }
        return request;
    }

    private void checkIssuer(String iss) {
        if (iss == null ? metadata.isIssParameterSupported()
                : !iss.equals(metadata.issuer().toString())) {
            log.debug("Authorization callback refused: iss does not match (RFC 9207)");
            throw callback("callback iss does not match the issuer (RFC 9207 §2.4)");
        }
    }

    private static OAuthClientException callback(String message) {
        return OAuthClientException.of(Category.INVALID_CALLBACK, message);
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[issuer=" + metadata.issuer() + ", client="
                + authentication + ", pending=" + pending.size() + "]";
    }

    /**
     * Builds an {@link AuthorizationCodeFlow}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private AuthorizationServerMetadata metadata;
        private ClientAuthentication authentication;
        private URI redirectUri;
        private URI fhirBaseUrl;
        private List<String> scopes = List.of();
        private OAuthHttpConfig http = OAuthHttpConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration stateLifetime = Duration.ofMinutes(10);
        private int maxPendingRequests = 1000;
        private Duration refreshSkew = Duration.ofSeconds(60);
        private Duration defaultLifetime = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets the authorization server (required; must have an authorization endpoint).
         *
         * @param metadata the metadata
         * @return this builder
         */
        public Builder metadata(AuthorizationServerMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Sets the client authentication (required); {@link ClientAuthentication#none} for a
         * public client.
         *
         * @param authentication the client authentication
         * @return this builder
         */
        public Builder authentication(ClientAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        /**
         * Sets the registered redirect URI (required).
         *
         * @param redirectUri the URI the server sends the browser back to
         * @return this builder
         */
        public Builder redirectUri(URI redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /**
         * Sets the FHIR base URL sent as {@code aud} (required, SMART App Launch).
         *
         * @param fhirBaseUrl the FHIR server the tokens are for
         * @return this builder
         */
        public Builder fhirBaseUrl(URI fhirBaseUrl) {
            this.fhirBaseUrl = fhirBaseUrl;
            return this;
        }

        /**
         * Sets the scopes requested (required, at least one).
         *
         * @param scopes for example {@code openid fhirUser launch/patient patient/*.rs}
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /**
         * Sets the HTTP settings.
         *
         * @param http timeouts and limits; default {@link OAuthHttpConfig#defaults()}
         * @return this builder
         */
        public Builder http(OAuthHttpConfig http) {
            this.http = http;
            return this;
        }

        /**
         * Sets the clock for state expiry, token refresh and ID-token checks.
         *
         * @param clock the clock; default system UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets how long an authorization request waits for its callback.
         *
         * @param lifetime 1 to 60 minutes; default 10 minutes
         * @return this builder
         */
        public Builder stateLifetime(Duration lifetime) {
            this.stateLifetime = lifetime;
            return this;
        }

        /**
         * Sets how many authorization requests may wait for a callback at once.
         *
         * @param max 1 to 1000000; default 1000
         * @return this builder
         */
        public Builder maxPendingRequests(int max) {
            this.maxPendingRequests = max;
            return this;
        }

        /**
         * Sets how long before expiry tokens are refreshed.
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
         * Checks every setting and builds the flow.
         *
         * @return the flow
         * @throws IllegalArgumentException naming every invalid setting
         */
        public AuthorizationCodeFlow build() {
            List<String> problems = new ArrayList<>();
            checkMetadata(problems);
            if (authentication == null) {
                problems.add("authentication is missing");
            }
            if (redirectUri == null || !redirectUri.isAbsolute()
                    || redirectUri.getRawFragment() != null) {
                problems.add("redirectUri must be an absolute URI without fragment");
            }
            if (fhirBaseUrl == null || !fhirBaseUrl.isAbsolute()) {
                problems.add("fhirBaseUrl must be an absolute URL");
            }
            if (scopes == null || scopes.isEmpty()) {
                problems.add("scopes must list at least one scope");
            }
            if (stateLifetime == null || stateLifetime.compareTo(Duration.ofMinutes(1)) < 0
                    || stateLifetime.compareTo(Duration.ofHours(1)) > 0) {
                problems.add("stateLifetime is " + stateLifetime + "; allowed 1 to 60 minutes");
            }
            if (maxPendingRequests < 1 || maxPendingRequests > 1_000_000) {
                problems.add("maxPendingRequests is " + maxPendingRequests
                        + "; allowed 1 to 1000000");
            }
            TokenSettings.check(http, clock, refreshSkew, defaultLifetime, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid AuthorizationCodeFlow: "
                        + String.join("; ", problems));
            }
            return new AuthorizationCodeFlow(this);
        }

        private void checkMetadata(List<String> problems) {
            if (metadata == null) {
                problems.add("metadata is missing");
                return;
            }
            if (metadata.authorizationEndpoint().isEmpty()) {
                problems.add("metadata has no authorization endpoint");
            }
            List<String> methods = metadata.codeChallengeMethods();
            if (!methods.isEmpty() && !methods.contains("S256")) {
                problems.add("server supports PKCE methods " + methods
                        + " but not S256; plain is never used");
            }
            if (scopes != null && scopes.contains("openid") && metadata.jwksUri().isEmpty()) {
                problems.add("openid is requested but metadata has no jwks_uri to check "
                        + "the ID token");
            }
        }
    }
}
