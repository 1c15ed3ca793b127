package io.fhirguard.client;

import io.fhirguard.client.internal.ClientSecretAuthentication;
import io.fhirguard.client.internal.PrivateKeyJwtAuthentication;
import io.fhirguard.client.internal.PublicClientAuthentication;

/**
 * How the client proves its identity at the token endpoint (RFC 6749 §2.3, OpenID Connect Core
 * §9).
 *
 * <p>Use a factory: {@link #clientSecretBasic}, {@link #clientSecretPost},
 * {@link #privateKeyJwt(PrivateKeyJwtConfig)} or {@link #none} for a public client. An own
 * implementation may add parameters or headers to the request it is given; it must not log
 * them. An exception it throws fails the token request with that exception.
 *
 * <pre>{@code
 * ClientAuthentication auth = ClientAuthentication.clientSecretBasic("my-app", secret);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; {@code toString()} never shows a secret.
 *
 * @since 1.0
 */
public interface ClientAuthentication {

    /**
     * Returns the client identifier.
     *
     * @return the {@code client_id}
     */
    String clientId();

    /**
     * Returns the method name as registered ({@code token_endpoint_auth_method}, RFC 7591 §2).
     *
     * @return for example {@code client_secret_basic}
     */
    String method();

    /**
     * Adds the client's credentials to a request about to be sent.
     *
     * @param request the request, with its endpoint and issuer
     * @throws OAuthClientException or another unchecked exception when the credentials cannot
     *     be produced (for example a signing failure); the request is then not sent
     */
    void authenticate(TokenEndpointRequest request);

    /**
     * Sends the client id and secret in an {@code Authorization: Basic} header; both are
     * form-encoded before Base64, as RFC 6749 §2.3.1 requires, so a secret containing
     * {@code :}, {@code +}, {@code %} or non-ASCII characters arrives intact.
     *
     * @param clientId the client id
     * @param clientSecret the secret; kept only in memory, never logged
     * @return the authentication
     * @throws IllegalArgumentException when either is empty
     */
    static ClientAuthentication clientSecretBasic(String clientId, String clientSecret) {
        return new ClientSecretAuthentication(clientId, clientSecret, true);
    }

    /**
     * Sends the client id and secret as {@code client_id} and {@code client_secret} form
     * parameters (RFC 6749 §2.3.1); prefer {@link #clientSecretBasic} where the server
     * supports it.
     *
     * @param clientId the client id
     * @param clientSecret the secret; kept only in memory, never logged
     * @return the authentication
     * @throws IllegalArgumentException when either is empty
     */
    static ClientAuthentication clientSecretPost(String clientId, String clientSecret) {
        return new ClientSecretAuthentication(clientId, clientSecret, false);
    }

    /**
     * Signs a fresh JWT client assertion for every request (RFC 7523 §2.2, SMART Backend
     * Services): {@code iss} and {@code sub} are the client id, {@code aud} the token
     * endpoint or the issuer, {@code jti} 128 random bits, {@code exp} at most 5 minutes
     * ahead, and the header carries the key's {@code kid}.
     *
     * @param config the client id, key, audience and lifetime
     * @return the authentication
     */
    static ClientAuthentication privateKeyJwt(PrivateKeyJwtConfig config) {
        return new PrivateKeyJwtAuthentication(config);
    }

    /**
     * Identifies a public client (one that cannot keep a secret, such as a native app) by its
     * {@code client_id} form parameter only; use it with the PKCE authorization-code grant.
     *
     * @param clientId the client id
     * @return the authentication
     * @throws IllegalArgumentException when the id is empty
     */
    static ClientAuthentication none(String clientId) {
        return new PublicClientAuthentication(clientId);
    }
}
