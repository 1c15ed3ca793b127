package io.fhirguard.client;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorization request of the authorization-code grant: the URL to send the user's browser
 * to, and the one-time {@code state} (and {@code nonce}) it carries. The PKCE verifier stays
 * inside the {@link AuthorizationCodeFlow} that made the request and is never exposed.
 *
 * <p>Make one with {@link AuthorizationCodeFlow#authorizationRequest()}. Immutable and
 * thread-safe.
 *
 * @since 1.0
 */
public final class AuthorizationRequest {
    private final URI uri;
    private final String state;
    private final String nonce;
    private final Instant expiresAt;

    AuthorizationRequest(URI uri, String state, String nonce, Instant expiresAt) {
        this.uri = uri;
        this.state = state;
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    /**
     * Returns the authorization URL: {@code response_type=code}, {@code client_id},
     * {@code redirect_uri}, {@code scope}, {@code state}, {@code aud} (the FHIR base URL),
     * {@code code_challenge} with {@code code_challenge_method=S256}, and {@code nonce} and
     * {@code launch} when they apply.
     *
     * @return the URL to redirect the browser to
     */
    public URI uri() {
        return uri;
    }

    /**
     * Returns the one-time {@code state} value (128 random bits), which the callback must echo.
     *
     * @return the state
     */
    public String state() {
        return state;
    }

    /**
     * Returns the OpenID Connect {@code nonce}, present when {@code openid} is requested.
     *
     * @return the nonce, or empty
     */
    public Optional<String> nonce() {
        return Optional.ofNullable(nonce);
    }

    /**
     * Returns when the request stops being accepted: a callback after this is refused.
     *
     * @return the expiry instant
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[expiresAt=" + expiresAt + "]";
    }

    /**
     * Builds and registers one {@link AuthorizationRequest}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final AuthorizationCodeFlow flow;
        private String launch;
        private List<String> scopes;

        Builder(AuthorizationCodeFlow flow) {
            this.flow = flow;
        }

        /**
         * Adds the SMART EHR-launch {@code launch} parameter received from the EHR.
         *
         * @param launch the opaque launch value
         * @return this builder
         */
        public Builder launch(String launch) {
            this.launch = Objects.requireNonNull(launch, "launch");
            return this;
        }

        /**
         * Replaces the flow's scopes for this request only.
         *
         * @param scopes the scopes, for example {@code launch openid fhirUser patient/*.rs}
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = new ArrayList<>(scopes);
            return this;
        }

        /**
         * Generates state, PKCE verifier and nonce, remembers them in the flow and returns the
         * request.
         *
         * @return the request
         * @throws IllegalStateException when the flow already holds its maximum of pending
         *     requests (default 1000), so that unfinished logins cannot exhaust memory
         */
        public AuthorizationRequest build() {
            return flow.register(launch, scopes);
        }
    }
}
