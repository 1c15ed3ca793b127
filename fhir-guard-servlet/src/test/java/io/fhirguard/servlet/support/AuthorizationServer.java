package io.fhirguard.servlet.support;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OAuth2 authorization server (mock-oauth2-server) on 127.0.0.1 issuing RS256-signed
 * JWTs with a JWKS endpoint.
 */
public final class AuthorizationServer implements AutoCloseable {
    /** The issuer id (path segment) the tokens are issued under. */
    public static final String ISSUER_ID = "fhir";
    /** The audience every token carries unless a test says otherwise. */
    public static final String AUDIENCE = "https://fhir.example.test";

    private final MockOAuth2Server server = new MockOAuth2Server();

    /**
     * Starts the server on a free loopback port.
     *
     * @throws Exception when it cannot bind
     */
    public AuthorizationServer() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        warmUp();
    }

    // The first answers of a cold server can take seconds on a loaded machine; the validator's
    // 5 s read timeout would then turn the first test into a 503. Warm it up once.
    private void warmUp() {
        token("warm-up").issue();
        Http.get(java.net.URI.create(discoveryUri())).send();
        Http.get(java.net.URI.create(jwksUri())).send();
    }

    /**
     * Returns the issuer URL, exactly as the tokens carry it in {@code iss}.
     *
     * @return the issuer
     */
    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /**
     * Returns the JWKS URL.
     *
     * @return the URL
     */
    public String jwksUri() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    /**
     * Returns the OpenID discovery document's URL.
     *
     * @return the URL
     */
    public String discoveryUri() {
        return server.wellKnownUrl(ISSUER_ID).toString();
    }

    /**
     * Returns the token endpoint URL.
     *
     * @return the URL
     */
    public String tokenEndpoint() {
        return server.tokenEndpointUrl(ISSUER_ID).toString();
    }

    /**
     * Returns the authorization endpoint URL.
     *
     * @return the URL
     */
    public String authorizationEndpoint() {
        return server.authorizationEndpointUrl(ISSUER_ID).toString();
    }

    /**
     * Starts a token.
     *
     * @param subject the {@code sub}
     * @return a token spec
     */
    public TokenSpec token(String subject) {
        return new TokenSpec(subject);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** What a test wants in a token. */
    public final class TokenSpec {
        private final String subject;
        private final Map<String, Object> claims = new HashMap<>();
        private String clientId = "test-app";
        private List<String> audience = List.of(AUDIENCE);
        private long lifetimeSeconds = 3600;

        private TokenSpec(String subject) {
            this.subject = subject;
        }

        /**
         * Sets the {@code scope} claim.
         *
         * @param scope space-separated scopes
         * @return this spec
         */
        public TokenSpec scope(String scope) {
            claims.put("scope", scope);
            return this;
        }

        /**
         * Sets the SMART {@code patient} claim.
         *
         * @param patient the patient id
         * @return this spec
         */
        public TokenSpec patient(String patient) {
            claims.put("patient", patient);
            return this;
        }

        /**
         * Sets any claim.
         *
         * @param name the claim name
         * @param value its value
         * @return this spec
         */
        public TokenSpec claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        /**
         * Sets the client id ({@code azp} and {@code client_id}).
         *
         * @param id the client id
         * @return this spec
         */
        public TokenSpec client(String id) {
            this.clientId = id;
            return this;
        }

        /**
         * Sets the audience.
         *
         * @param audience the audiences
         * @return this spec
         */
        public TokenSpec audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        /**
         * Sets the lifetime; a negative one gives an expired token.
         *
         * @param seconds seconds from now
         * @return this spec
         */
        public TokenSpec lifetime(long seconds) {
            this.lifetimeSeconds = seconds;
            return this;
        }

        /**
         * Issues the signed JWT.
         *
         * @return the compact serialization
         */
        public String issue() {
            Map<String, Object> all = new HashMap<>(claims);
            all.put("client_id", clientId);
            return server.issueToken(ISSUER_ID, clientId, new DefaultOAuth2TokenCallback(
                    ISSUER_ID, subject, "JWT", audience, all, lifetimeSeconds)).serialize();
        }
    }
}
