package io.fhirguard.client;

/**
 * The {@code token_type_hint} of a revocation request (RFC 7009 §2.1).
 *
 * @since 1.0
 */
public enum TokenTypeHint {
    /** The token is an access token. */
    ACCESS_TOKEN("access_token"),
    /** The token is a refresh token; revoking it usually revokes its access tokens too. */
    REFRESH_TOKEN("refresh_token");

    private final String value;

    TokenTypeHint(String value) {
        this.value = value;
    }

    /**
     * Returns the parameter value.
     *
     * @return {@code access_token} or {@code refresh_token}
     */
    public String value() {
        return value;
    }
}
