/**
 * Access-token validation: JWTs checked against trusted issuers' keys (JWKS), opaque tokens
 * checked by RFC 7662 introspection, API keys, and revocation. The result of a successful check
 * is an immutable {@link io.fhirguard.token.AccessToken}.
 *
 * @since 1.0
 */
package io.fhirguard.token;
