package io.fhirguard.token;

/**
 * How a credential was checked.
 *
 * @since 1.0
 */
public enum CredentialKind {
    /** A signed JWT, verified with a trusted issuer's key. */
    JWT,
    /** An opaque token, checked by RFC 7662 introspection. */
    OPAQUE,
    /** A static API key, checked against configured SHA-256 hashes. */
    API_KEY
}
