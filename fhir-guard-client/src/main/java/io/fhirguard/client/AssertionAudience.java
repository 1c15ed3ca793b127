package io.fhirguard.client;

/**
 * Which value a {@code private_key_jwt} client assertion puts in its {@code aud} claim.
 *
 * @since 1.0
 */
public enum AssertionAudience {
    /** The token endpoint URL, as SMART Backend Services and RFC 7523 §3 expect (default). */
    TOKEN_ENDPOINT,
    /** The issuer identifier, for servers that expect it instead. */
    ISSUER
}
