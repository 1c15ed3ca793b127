package io.fhirguard.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential that passed validation, and who it speaks for: issuer, subject, audience,
 * client, scopes, lifetime, SMART launch context and roles.
 *
 * <p>Immutable and thread-safe. It never holds the raw token, only its SHA-256
 * {@link #fingerprint() fingerprint}, and {@link #toString()} shows neither the token nor the
 * patient or user it is bound to, so it is safe to log.
 *
 * <p>Scopes keep the order they were granted in, without duplicates. {@link #claims()} gives
 * read-only access to every claim (JWT) or introspection member (opaque token); nested JSON
 * objects appear as unmodifiable maps and arrays as unmodifiable lists.
 *
 * @since 1.0
 */
public final class AccessToken {
    private final CredentialKind kind;
    private final String issuer;
    private final String subject;
    private final List<String> audience;
    private final String clientId;
    private final List<String> scopes;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String jti;
    private final String patient;
    private final String encounter;
    private final String fhirUser;
    private final List<Map<String, Object>> fhirContext;
    private final List<String> roles;
    private final String fingerprint;
    private final Map<String, Object> claims;

    private AccessToken(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.issuer = b.issuer;
        this.subject = b.subject;
        this.audience = List.copyOf(b.audience);
        this.clientId = b.clientId;
        this.scopes = List.copyOf(new LinkedHashSet<>(b.scopes));
        this.issuedAt = b.issuedAt;
        this.expiresAt = b.expiresAt;
        this.jti = b.jti;
        this.patient = b.patient;
        this.encounter = b.encounter;
        this.fhirUser = b.fhirUser;
        this.fhirContext = b.fhirContext.stream().map(Map::copyOf).toList();
        this.roles = List.copyOf(new LinkedHashSet<>(b.roles));
        this.fingerprint = Objects.requireNonNull(b.fingerprint, "fingerprint");
        this.claims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
    }

    /**
     * Starts an access token. Validators build these; applications normally only read them.
     *
     * @param kind how the credential was checked
     * @param fingerprint the SHA-256 fingerprint of the raw credential, lower-case hex
     * @return a builder
     */
    public static Builder builder(CredentialKind kind, String fingerprint) {
        return new Builder(kind, fingerprint);
    }

    /**
     * Returns how the credential was checked.
     *
     * @return the kind
     */
    public CredentialKind kind() {
        return kind;
    }

    /**
     * Returns the issuer ({@code iss}).
     *
     * @return the issuer, or empty for an API key
     */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns the subject ({@code sub}): the user or client the token speaks for.
     *
     * @return the subject, or empty when the credential names none
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the audiences ({@code aud}).
     *
     * @return the audiences; empty for an API key
     */
    public List<String> audience() {
        return audience;
    }

    /**
     * Returns the OAuth client the token was issued to ({@code client_id}, RFC 9068 §2.2).
     *
     * @return the client id, or empty
     */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /**
     * Returns the granted scopes, in the order granted, without duplicates. These are the
     * token's own scopes; role grants and client ceilings are applied by the scope package.
     *
     * @return the scopes, possibly empty
     */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * Tells whether the token carries this exact scope string.
     *
     * @param scope a scope such as {@code patient/Observation.rs}
     * @return true when granted verbatim
     */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Returns when the token was issued ({@code iat}).
     *
     * @return the instant, or empty
     */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /**
     * Returns when the token expires ({@code exp}).
     *
     * @return the instant, or empty for a credential without expiry (an API key)
     */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * Returns the token's unique id ({@code jti}), safe to log for correlation.
     *
     * @return the id, or empty
     */
    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    /**
     * Returns the SMART launch patient ({@code patient}): the id of the Patient the token is
     * bound to.
     *
     * @return the patient id, or empty
     */
    public Optional<String> patient() {
        return Optional.ofNullable(patient);
    }

    /**
     * Returns the SMART launch encounter ({@code encounter}).
     *
     * @return the encounter id, or empty
     */
    public Optional<String> encounter() {
        return Optional.ofNullable(encounter);
    }

    /**
     * Returns the SMART {@code fhirUser}: the FHIR resource (for example
     * {@code Practitioner/123}) that represents the user.
     *
     * @return the reference, or empty
     */
    public Optional<String> fhirUser() {
        return Optional.ofNullable(fhirUser);
    }

    /**
     * Returns the SMART {@code fhirContext} items (App Launch 2.x), each a JSON object with
     * members such as {@code reference}, {@code canonical}, {@code type} and {@code role}.
     *
     * @return unmodifiable maps, possibly none
     */
    public List<Map<String, Object>> fhirContext() {
        return fhirContext;
    }

    /**
     * Returns the role names read from the configured role claim.
     *
     * @return the roles, without duplicates, possibly none
     */
    public List<String> roles() {
        return roles;
    }

    /**
     * Returns the SHA-256 of the raw credential as lower-case hex, for correlation in logs and
     * audit without revealing the credential.
     *
     * @return 64 hex characters
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Returns a short form of the fingerprint (its first 12 hex characters) for log lines.
     *
     * @return 12 hex characters
     */
    public String shortFingerprint() {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /**
     * Returns every claim of the token, read-only.
     *
     * @return an unmodifiable map from claim name to value
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * Shows the kind, issuer, client, scopes and fingerprint; never the token, the subject's
     * patient or the {@code fhirUser}.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "AccessToken[" + kind + " iss=" + issuer + " client=" + clientId
                + " scopes=" + scopes + " jti=" + jti + " fp=" + shortFingerprint()
                + (patient == null ? "" : " patient=***") + "]";
    }

    /**
     * Builds an {@link AccessToken}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final CredentialKind kind;
        private final String fingerprint;
        private String issuer;
        private String subject;
        private final List<String> audience = new ArrayList<>();
        private String clientId;
        private final List<String> scopes = new ArrayList<>();
        private Instant issuedAt;
        private Instant expiresAt;
        private String jti;
        private String patient;
        private String encounter;
        private String fhirUser;
        private final List<Map<String, Object>> fhirContext = new ArrayList<>();
        private final List<String> roles = new ArrayList<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Builder(CredentialKind kind, String fingerprint) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /**
         * Sets the issuer.
         *
         * @param issuer the issuer, or {@code null}
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * Sets the subject.
         *
         * @param subject the subject, or {@code null}
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * Sets the audiences.
         *
         * @param audience the audiences
         * @return this builder
         */
        public Builder audience(List<String> audience) {
            this.audience.clear();
            this.audience.addAll(audience);
            return this;
        }

        /**
         * Sets the client id.
         *
         * @param clientId the client id, or {@code null}
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets the scopes; duplicates are dropped, first occurrence kept.
         *
         * @param scopes the scopes in granted order
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes.clear();
            this.scopes.addAll(scopes);
            return this;
        }

        /**
         * Sets the issue time.
         *
         * @param issuedAt the instant, or {@code null}
         * @return this builder
         */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /**
         * Sets the expiry.
         *
         * @param expiresAt the instant, or {@code null} for none
         * @return this builder
         */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Sets the token id.
         *
         * @param jti the id, or {@code null}
         * @return this builder
         */
        public Builder jti(String jti) {
            this.jti = jti;
            return this;
        }

        /**
         * Sets the SMART launch patient id.
         *
         * @param patient the id, or {@code null}
         * @return this builder
         */
        public Builder patient(String patient) {
            this.patient = patient;
            return this;
        }

        /**
         * Sets the SMART launch encounter id.
         *
         * @param encounter the id, or {@code null}
         * @return this builder
         */
        public Builder encounter(String encounter) {
            this.encounter = encounter;
            return this;
        }

        /**
         * Sets the SMART {@code fhirUser}.
         *
         * @param fhirUser the reference, or {@code null}
         * @return this builder
         */
        public Builder fhirUser(String fhirUser) {
            this.fhirUser = fhirUser;
            return this;
        }

        /**
         * Sets the SMART {@code fhirContext} items.
         *
         * @param fhirContext the items
         * @return this builder
         */
        public Builder fhirContext(List<Map<String, Object>> fhirContext) {
            this.fhirContext.clear();
            this.fhirContext.addAll(fhirContext);
            return this;
        }

        /**
         * Sets the roles.
         *
         * @param roles the role names
         * @return this builder
         */
        public Builder roles(List<String> roles) {
            this.roles.clear();
            this.roles.addAll(roles);
            return this;
        }

        /**
         * Sets every claim.
         *
         * @param claims the claims; copied
         * @return this builder
         */
        public Builder claims(Map<String, Object> claims) {
            this.claims.clear();
            this.claims.putAll(claims);
            return this;
        }

        /**
         * Builds the token.
         *
         * @return the immutable token
         */
        public AccessToken build() {
            return new AccessToken(this);
        }
    }
}
