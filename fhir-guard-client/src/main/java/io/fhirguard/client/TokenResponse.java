package io.fhirguard.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful token response (RFC 6749 §5.1): the bearer access token, when it was obtained and
 * how long it lives, an optional refresh token, the granted scopes, an optional ID token and
 * any further members such as the SMART launch context ({@code patient}, {@code encounter}).
 *
 * <p>Immutable and thread-safe. {@code toString()} shows the scopes and lifetime only: the
 * tokens and the additional members (which may identify a patient) are masked.
 *
 * @since 1.0
 */
public final class TokenResponse {
    private final String accessToken;
    private final Instant obtainedAt;
    private final Duration expiresIn;
    private final String refreshToken;
    private final List<String> scopes;
    private final String idToken;
    private final Map<String, Object> additional;

    private TokenResponse(Builder b) {
        this.accessToken = b.accessToken;
        this.obtainedAt = b.obtainedAt;
        this.expiresIn = b.expiresIn;
        this.refreshToken = b.refreshToken;
        this.scopes = List.copyOf(b.scopes);
        this.idToken = b.idToken;
        this.additional = Map.copyOf(b.additional);
    }

    /**
     * Starts a token response, for example in a custom {@link TokenSource} or a test.
     *
     * @param accessToken the bearer access token
     * @param obtainedAt when the token endpoint answered
     * @return a builder
     */
    public static Builder builder(String accessToken, Instant obtainedAt) {
        return new Builder(accessToken, obtainedAt);
    }

    /**
     * Returns a builder holding this response, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(accessToken, obtainedAt).expiresIn(expiresIn)
                .refreshToken(refreshToken).scopes(scopes).idToken(idToken);
        b.additional.putAll(additional);
        return b;
    }

    /**
     * Returns the access token to send as {@code Authorization: Bearer}. Never log it.
     *
     * @return the access token
     */
    public String accessToken() {
        return accessToken;
    }

    /**
     * Returns when the token endpoint answered.
     *
     * @return the instant, from the source's clock
     */
    public Instant obtainedAt() {
        return obtainedAt;
    }

    /**
     * Returns the lifetime the server gave ({@code expires_in}).
     *
     * @return the lifetime, or empty when the server did not say
     */
    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    /**
     * Returns the refresh token. Never log it.
     *
     * @return the refresh token, or empty
     */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * Returns the granted scopes, in the server's order.
     *
     * @return the scopes, empty when the server did not list them
     */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * Returns the OpenID Connect ID token, when {@code openid} was requested.
     *
     * @return the compact JWT, or empty
     */
    public Optional<String> idToken() {
        return Optional.ofNullable(idToken);
    }

    /**
     * Returns a further response member, such as SMART's {@code patient}, {@code encounter},
     * {@code fhirContext} or {@code need_patient_banner}.
     *
     * @param name the member name
     * @return the JSON value (String, Number, Boolean, List or Map), or empty
     */
    public Optional<Object> parameter(String name) {
        return Optional.ofNullable(additional.get(name));
    }

    @Override
    public String toString() {
        return "TokenResponse[accessToken=****, scopes=" + scopes + ", expiresIn=" + expiresIn
                + ", refreshToken=" + (refreshToken == null ? "none" : "****")
                + ", additional=" + additional.keySet() + "]";
    }

    /**
     * Builds a {@link TokenResponse}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final String accessToken;
        private final Instant obtainedAt;
        private Duration expiresIn;
        private String refreshToken;
        private List<String> scopes = List.of();
        private String idToken;
        private final Map<String, Object> additional = new LinkedHashMap<>();

        private Builder(String accessToken, Instant obtainedAt) {
            if (accessToken == null || accessToken.isEmpty()) {
                throw new IllegalArgumentException("accessToken is required");
            }
            this.accessToken = accessToken;
            this.obtainedAt = Objects.requireNonNull(obtainedAt, "obtainedAt");
        }

        /**
         * Sets the lifetime.
         *
         * @param expiresIn a positive duration, or null when unknown
         * @return this builder
         */
        public Builder expiresIn(Duration expiresIn) {
            if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
                throw new IllegalArgumentException("expiresIn must be positive, got "
                        + expiresIn);
            }
            this.expiresIn = expiresIn;
            return this;
        }

        /**
         * Sets the refresh token.
         *
         * @param refreshToken the token, or null
         * @return this builder
         */
        public Builder refreshToken(String refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        /**
         * Sets the granted scopes.
         *
         * @param scopes the scopes
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /**
         * Sets the ID token.
         *
         * @param idToken the compact JWT, or null
         * @return this builder
         */
        public Builder idToken(String idToken) {
            this.idToken = idToken;
            return this;
        }

        /**
         * Adds a further response member; JSON nulls are dropped.
         *
         * @param name the member name
         * @param value the value, or null
         * @return this builder
         */
        public Builder parameter(String name, Object value) {
            if (value != null) {
                additional.put(Objects.requireNonNull(name, "name"), value);
            }
            return this;
        }

        /**
         * Builds the response.
         *
         * @return the response
         */
        public TokenResponse build() {
            return new TokenResponse(this);
        }
    }
}
