package io.fhirguard.servlet;

import io.fhirguard.token.AccessToken;
import java.security.Principal;
import java.util.Objects;

/**
 * The principal the downstream server sees through {@code getUserPrincipal()} once
 * fhir-guard has validated the request's token.
 *
 * <p>Its name is the token's subject ({@code sub}), else its client id, else the short
 * fingerprint of the credential (for API keys without a principal). It never contains the
 * token. Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class TokenPrincipal implements Principal {
    private final AccessToken token;
    private final String name;

    /**
     * Creates the principal of a validated token.
     *
     * @param token the validated token
     */
    public TokenPrincipal(AccessToken token) {
        this.token = Objects.requireNonNull(token, "token");
        this.name = token.subject().or(token::clientId).orElse(token.shortFingerprint());
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * Returns the validated token, with its scopes, SMART context and claims.
     *
     * @return the token
     */
    public AccessToken accessToken() {
        return token;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenPrincipal p && token.fingerprint().equals(p.token.fingerprint());
    }

    @Override
    public int hashCode() {
        return token.fingerprint().hashCode();
    }

    /**
     * Shows the principal's name only.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "TokenPrincipal[" + name + "]";
    }
}
