package io.fhirguard.token;

import io.fhirguard.token.internal.DefaultJwtValidator;

/**
 * Validates signed JWT access tokens against trusted issuers' keys, with jose4j.
 *
 * <p>Checks, in order: length (before any decoding); JWS compact structure, strict base64url,
 * UTF-8 and JSON (duplicate members and deep nesting refused, JWE refused); a trusted,
 * exactly matching {@code iss}; {@code alg} in the issuer's list ({@code none} never);
 * no {@code crit}; {@code typ} in RFC 9068 mode; {@code exp} (required), {@code nbf}, future
 * {@code iat}, {@code aud} and RFC 9068 claims; then the signature with a key of that issuer
 * only, chosen by {@code kid} and {@code alg}; then revocation. Header and claim problems are
 * all listed in one refusal, before any key is fetched. Keys come only from the issuer's
 * configured source: {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are ignored.
 *
 * <p>Thread-safe. Holds a key cache per issuer and a verified-token cache; {@link #close()}
 * stops its background refresh thread.
 *
 * <p>Known shortcoming: encrypted tokens (JWE) are always refused; there is no decryption.
 *
 * @since 1.0
 */
public interface JwtValidator extends TokenValidator, AutoCloseable {

    /**
     * Creates a validator. No network call is made until the first token arrives.
     *
     * @param config the configuration
     * @return a new validator
     */
    static JwtValidator create(JwtValidatorConfig config) {
        return new DefaultJwtValidator(config);
    }

    /**
     * Fetches every remote issuer's key set now, for example at startup to fail fast. Failures
     * are logged and leave the caches as they were.
     *
     * @return the number of issuers whose keys were refreshed
     */
    int refreshKeys();

    /** Stops the validator's own background refresh thread, if it has one. */
    @Override
    void close();
}
