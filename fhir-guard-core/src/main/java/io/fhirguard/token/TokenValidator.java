package io.fhirguard.token;

/**
 * Checks a presented credential and tells who it speaks for.
 *
 * <p>Implementations are thread-safe. {@link #validate(String)} either returns the validated
 * token or throws a {@link io.fhirguard.refusal.FhirGuardException}:
 * <ul>
 *   <li>401 with RFC 6750 {@code invalid_token} and a {@code TOKEN_...} reason when the
 *       credential is malformed, forged, expired, revoked or otherwise not acceptable; the
 *       exception's problems list every problem found, the primary one first;</li>
 *   <li>503 ({@code IssueType.TRANSIENT}, with a {@code Retry-After}) when a key server or
 *       introspection endpoint is unreachable, slow or answers garbage and nothing cached can
 *       decide. An outage is never a pass.</li>
 * </ul>
 *
 * <p>A request without any credential is the caller's case to handle: answer it with
 * {@link io.fhirguard.refusal.Reason#TOKEN_MISSING}, which carries no bearer error code
 * (RFC 6750 §3.1).
 *
 * @since 1.0
 */
public interface TokenValidator {

    /**
     * Validates a credential.
     *
     * @param credential the raw credential, without any {@code Bearer } prefix
     * @return the validated token; never {@code null}
     * @throws io.fhirguard.refusal.FhirGuardException when the credential is refused (401) or
     *     cannot be checked right now (503)
     * @throws NullPointerException when {@code credential} is null
     */
    AccessToken validate(String credential);
}
