package io.fhirguard.token;

/**
 * How fhir-guard authenticates itself to an introspection endpoint (RFC 7662 §2.1, with the
 * client authentication methods of RFC 6749 §2.3.1).
 *
 * @since 1.0
 */
public enum ClientAuthentication {
    /** HTTP Basic with the form-encoded client id and secret ({@code client_secret_basic}). */
    CLIENT_SECRET_BASIC,
    /** {@code client_id} and {@code client_secret} in the form body ({@code client_secret_post}). */
    CLIENT_SECRET_POST
}
