package io.fhirguard.token;

import io.fhirguard.token.internal.DefaultIntrospectionValidator;

/**
 * Validates opaque access tokens by asking the authorization server (RFC 7662 token
 * introspection).
 *
 * <p>Sends {@code token=...} by POST with the configured client authentication. Only a JSON
 * object whose {@code active} member is the JSON boolean {@code true} passes (RFC 7662 §2.2);
 * anything else is {@code TOKEN_INACTIVE}. The answer's {@code aud}, {@code exp},
 * {@code iss} and {@code scope} are still checked here. An endpoint that cannot be reached,
 * answers slowly, with a non-200 status or with anything but a JSON object is an outage: 503
 * {@code TOKEN_INTROSPECTION_UNAVAILABLE}, never a pass.
 *
 * <p>Active answers are cached by the SHA-256 of the token, never past {@code exp} nor past
 * the configured cache TTL, and the cache is bounded. Inactive answers are not cached, so a
 * token that becomes active later is not held back; the price is one endpoint call per
 * presentation of an inactive token.
 *
 * <p>Thread-safe.
 *
 * @since 1.0
 */
public interface IntrospectionValidator extends TokenValidator {

    /**
     * Creates a validator. No network call is made until the first token arrives.
     *
     * @param config the configuration
     * @return a new validator
     */
    static IntrospectionValidator create(IntrospectionValidatorConfig config) {
        return new DefaultIntrospectionValidator(config);
    }
}
