package io.fhirguard.client;

/**
 * Supplies a currently valid access token for outgoing FHIR requests.
 *
 * <p>The shipped sources ({@link ClientCredentialsTokenSource},
 * {@link AuthorizationCodeTokenSource}) cache the token, refresh it ahead of expiry and let any
 * number of concurrent callers share one token request. An own implementation must be
 * thread-safe; it may block while it fetches, and should throw {@link OAuthClientException} when
 * no token can be had, which fails the FHIR request before it is sent.
 *
 * <pre>{@code
 * IGenericClient fhir = SecuredFhirClients.create(ctx, baseUrl, tokenSource);
 * }</pre>
 *
 * @since 1.0
 */
public interface TokenSource {

    /**
     * Returns a token that is valid now, fetching or refreshing one if needed.
     *
     * @return the token response holding the access token
     * @throws OAuthClientException when no token can be obtained
     */
    TokenResponse token();

    /**
     * Drops the cached token if it is still the given one, so that the next {@link #token()}
     * fetches a new one. Called when a resource server answers 401 to that token. Passing a token
     * that was already replaced does nothing, so a late 401 cannot throw away a fresh token.
     *
     * @param rejectedAccessToken the access token the resource server refused
     */
    void invalidate(String rejectedAccessToken);
}
