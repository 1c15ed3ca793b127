package io.fhirguard.audit;

import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who made an audited request: the identifiers of a validated credential, never the credential.
 *
 * <p>Made only from an {@link AccessToken} (issuer, subject, {@code client_id}, {@code fhirUser},
 * credential kind, SHA-256 fingerprint and {@code jti}), from the fingerprint of a credential
 * that failed validation, or as anonymous. There is no way to put a raw token, secret, client
 * assertion or cookie into it. Immutable and thread-safe; {@link #toString()} shows the
 * {@code jti} or a short fingerprint only.
 *
 * @since 1.0
 */
public final class AuditAgent {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final AuditAgent ANONYMOUS =
            new AuditAgent(null, null, null, null, null, null, null);

    private final String issuer;
    private final String subject;
    private final String clientId;
    private final String fhirUser;
    private final CredentialKind credentialKind;
    private final String tokenFingerprint;
    private final String jti;

    private AuditAgent(String issuer, String subject, String clientId, String fhirUser,
            CredentialKind credentialKind, String tokenFingerprint, String jti) {
        this.issuer = issuer;
        this.subject = subject;
        this.clientId = clientId;
        this.fhirUser = fhirUser;
        this.credentialKind = credentialKind;
        this.tokenFingerprint = tokenFingerprint;
        this.jti = jti;
    }

    /**
     * Creates the agent of a request made with a validated credential.
     *
     * @param token the validated credential
     * @return the agent, keeping identifiers, fingerprint and {@code jti} only
     */
    public static AuditAgent of(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return new AuditAgent(token.issuer().orElse(null), token.subject().orElse(null),
                token.clientId().orElse(null),
                token.fhirUser().orElse(null), token.kind(), token.fingerprint(),
                token.jti().orElse(null));
    }

    /**
     * Creates the agent of a request whose credential failed validation, known only by the
     * credential's fingerprint.
     *
     * @param fingerprint the SHA-256 of the presented credential, 64 lower-case hex characters
     * @return the agent
     * @throws IllegalArgumentException when the value is not such a fingerprint (so a raw token
     *     passed by mistake is refused, not recorded)
     */
    public static AuditAgent ofRejectedCredential(String fingerprint) {
        if (!FINGERPRINT.matcher(Objects.requireNonNull(fingerprint, "fingerprint")).matches()) {
            throw new IllegalArgumentException(
                    "fingerprint: must be 64 lower-case hex characters (a SHA-256)");
        }
        return new AuditAgent(null, null, null, null, null, fingerprint, null);
    }

    /**
     * Returns the agent of a request that carried no credential.
     *
     * @return the anonymous agent
     */
    public static AuditAgent anonymous() {
        return ANONYMOUS;
    }

    /**
     * Returns the token's issuer ({@code iss}), which qualifies the subject.
     *
     * @return the issuer, or empty (API keys, anonymous and rejected credentials)
     */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns the token's subject ({@code sub}).
     *
     * @return the subject, or empty
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the OAuth client ({@code client_id}).
     *
     * @return the client id, or empty
     */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /**
     * Returns the SMART {@code fhirUser} reference.
     *
     * @return the reference, or empty
     */
    public Optional<String> fhirUser() {
        return Optional.ofNullable(fhirUser);
    }

    /**
     * Returns how the credential was checked.
     *
     * @return the kind, or empty for anonymous and rejected credentials
     */
    public Optional<CredentialKind> credentialKind() {
        return Optional.ofNullable(credentialKind);
    }

    /**
     * Returns the SHA-256 of the credential, lower-case hex.
     *
     * @return the fingerprint, or empty for an anonymous request
     */
    public Optional<String> tokenFingerprint() {
        return Optional.ofNullable(tokenFingerprint);
    }

    /**
     * Returns the token's {@code jti}.
     *
     * @return the id, or empty
     */
    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    /**
     * Tells whether the request carried no credential at all.
     *
     * @return true for the anonymous agent
     */
    public boolean isAnonymous() {
        return tokenFingerprint == null;
    }

    @Override
    public String toString() {
        if (isAnonymous()) {
            return "AuditAgent[anonymous]";
        }
        return "AuditAgent[client=" + clientId + " jti=" + jti + " fp="
                + tokenFingerprint.substring(0, 12) + "]";
    }
}
