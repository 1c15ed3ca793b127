package io.fhirguard.refusal;

/**
 * The error codes of RFC 6750 §3.1 that a protected resource puts in
 * {@code WWW-Authenticate: Bearer error="..."}.
 *
 * <p>A request that carries no credential at all gets no error code (RFC 6750 §3.1, last
 * paragraph); such refusals have no {@code BearerError}.
 *
 * @since 1.0
 */
public enum BearerError {
    /** The request is malformed: a missing parameter, two credentials, a bad header. HTTP 400. */
    INVALID_REQUEST("invalid_request"),
    /** The token is expired, revoked, malformed or otherwise not valid. HTTP 401. */
    INVALID_TOKEN("invalid_token"),
    /** The token is valid but lacks the scope the request needs. HTTP 403. */
    INSUFFICIENT_SCOPE("insufficient_scope");

    private final String code;

    BearerError(String code) {
        this.code = code;
    }

    /**
     * Returns the code as it appears on the wire, for example {@code invalid_token}.
     *
     * @return the RFC 6750 error code
     */
    public String code() {
        return code;
    }
}
