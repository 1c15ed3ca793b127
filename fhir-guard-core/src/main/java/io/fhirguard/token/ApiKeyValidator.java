package io.fhirguard.token;

import io.fhirguard.token.internal.DefaultApiKeyValidator;

/**
 * Validates static API keys against configured SHA-256 hashes.
 *
 * <p>Off unless configured: create one only when API keys are wanted. The presented key is
 * hashed and compared in constant time with every configured hash (no early exit, so timing
 * reveals neither which key nor how much of it matched). A match yields an
 * {@link AccessToken} of kind {@link CredentialKind#API_KEY} whose subject is the key's
 * principal and whose scopes are the key's scopes; it has no issuer, audience or expiry.
 * No match is {@code TOKEN_UNKNOWN_API_KEY} (401). If a revocation registry is configured, a
 * revoked principal is {@code TOKEN_REVOKED}.
 *
 * <p>Thread-safe.
 *
 * @since 1.0
 */
public interface ApiKeyValidator extends TokenValidator {

    /**
     * Creates a validator.
     *
     * @param config the configuration
     * @return a new validator
     */
    static ApiKeyValidator create(ApiKeyConfig config) {
        return new DefaultApiKeyValidator(config);
    }

    /**
     * Returns the request header the key is read from.
     *
     * @return the header name; default {@code X-API-Key}
     */
    String headerName();
}
