package io.fhirguard.examples.auth;

import io.fhirguard.examples.server.LocalServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth 2.0 / OpenID Connect authorization server running in this process on 127.0.0.1
 * (mock-oauth2-server), for the examples when no real issuer is configured.
 *
 * <p>It issues real RS256-signed JWTs from a key pair generated at start (not the fixed test
 * keys mock-oauth2-server ships) and publishes the public key at {@link #jwksUri()}. It
 * supports the client-credentials grant (any client id; the client's authentication, including a
 * {@code private_key_jwt} assertion, is accepted without verifying it) and the
 * authorization-code grant with PKCE through a login page where any user name and any claims
 * JSON may be typed, such as {@code {"patient":"<id>","scope":"patient/*.read"}}.
 *
 * <p>This is a development tool: anyone who can reach the port can get any token. It listens on
 * 127.0.0.1 only; never use it in front of real data.
 *
 * @since 1.0
 */
public final class EmbeddedAuthorizationServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthorizationServer.class);

    /** The issuer id, the last path segment of the issuer URL. */
    public static final String ISSUER_ID = "fhirguard";

    /** Lifetime of issued access tokens: 300 seconds. */
    public static final long TOKEN_LIFETIME_SECONDS = 300;

    private final MockOAuth2Server server;
    private final String audience;
    private final String base;

    private EmbeddedAuthorizationServer(MockOAuth2Server server, String audience, String base) {
        this.server = server;
        this.audience = audience;
        this.base = base;
    }

    /**
     * Starts the server on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     * @param audience the {@code aud} of every access token, normally the FHIR base URL
     * @param interactiveLogin true to show the login page in the authorization-code grant;
     *     false to issue a code at once for a random user without claims
     * @return the running server
     * @throws IllegalStateException if it cannot start
     */
    public static EmbeddedAuthorizationServer start(int port, String audience,
            boolean interactiveLogin) {
        Objects.requireNonNull(audience, "audience");
        OAuth2TokenProvider tokens = new OAuth2TokenProvider(new KeyProvider(java.util.List.of(),
                "RS256"));
        OAuth2Config config = new OAuth2Config(interactiveLogin, null, null, false, tokens,
                Set.of(new SmartTokenCallback(ISSUER_ID, audience, TOKEN_LIFETIME_SECONDS)));
        MockOAuth2Server server = new MockOAuth2Server(config);
        try {
            server.start(InetAddress.getByName(LocalServer.LOOPBACK), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("loopback address not resolvable", e);
        }
        String base = "http://" + LocalServer.LOOPBACK + ":" + server.baseUrl().port();
        log.info("Embedded authorization server started at {}/{}", base, ISSUER_ID);
        return new EmbeddedAuthorizationServer(server, audience, base);
    }

    /**
     * Returns the issuer URL, the {@code iss} of every token.
     *
     * @return {@code http://127.0.0.1:<port>/fhirguard}
     */
    public URI issuer() {
        return URI.create(base + "/" + ISSUER_ID);
    }

    /**
     * Returns the JWKS URL with the public signing key.
     *
     * @return the JWKS URL
     */
    public URI jwksUri() {
        return URI.create(issuer() + "/jwks");
    }

    /**
     * Returns the token endpoint.
     *
     * @return the token endpoint URL
     */
    public URI tokenEndpoint() {
        return URI.create(issuer() + "/token");
    }

    /**
     * Returns the authorization endpoint (the login page in interactive mode).
     *
     * @return the authorization endpoint URL
     */
    public URI authorizationEndpoint() {
        return URI.create(issuer() + "/authorize");
    }

    /**
     * Returns the OpenID Connect discovery document URL.
     *
     * @return {@code <issuer>/.well-known/openid-configuration}
     */
    public URI discoveryUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /**
     * Returns the audience put into every token.
     *
     * @return the audience given at start
     */
    public String audience() {
        return audience;
    }

    /**
     * Makes the next token request of this issuer return a token that expired the given number
     * of seconds before it was issued; later requests are normal again. The token is still
     * requested over HTTP and signed with the issuer's key, so it differs from a valid one only
     * in {@code exp}.
     *
     * @param clientId the subject and {@code client_id} of that token
     * @param scope the {@code scope} claim
     * @param secondsAgo how long ago the token expired, positive
     */
    public void expireNextToken(String clientId, String scope, long secondsAgo) {
        if (secondsAgo <= 0) {
            throw new IllegalArgumentException("secondsAgo must be positive, got " + secondsAgo);
        }
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, clientId, "JWT",
                java.util.List.of(audience),
                java.util.Map.of("scope", scope, "client_id", clientId), -secondsAgo));
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.shutdown();
    }
}
