package io.fhirguard.token;

/**
 * Answers whether a validated token has been revoked. Validators ask after the signature has
 * verified, on every validation and every cache hit.
 *
 * <p>An implementation must be thread-safe and fast (it is on every request's path); it may keep
 * its data anywhere. If it cannot answer, it should throw a
 * {@link io.fhirguard.refusal.FhirGuardException} with a 503 reason rather than answer
 * {@code false}: a revocation check that fails open defeats its purpose. It must call every
 * listener after any change, so validators drop cached results:
 *
 * <pre>{@code
 * registry.addChangeListener(cache::clear);
 * }</pre>
 *
 * @see InMemoryRevocationRegistry
 * @since 1.0
 */
public interface RevocationRegistry {

    /**
     * Tells whether the token is revoked.
     *
     * @param token a token whose signature or introspection already passed
     * @return true when the token must be refused with {@code TOKEN_REVOKED}
     */
    boolean isRevoked(AccessToken token);

    /**
     * Registers a listener called after every change (a new revocation, not expiry).
     *
     * @param listener called on the thread that made the change; must not throw
     */
    void addChangeListener(Runnable listener);
}
