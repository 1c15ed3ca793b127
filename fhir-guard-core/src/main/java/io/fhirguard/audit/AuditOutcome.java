package io.fhirguard.audit;

/**
 * How an audited request ended: the FHIR R4 {@code AuditEventOutcome} codes.
 *
 * @since 1.0
 */
public enum AuditOutcome {
    /** The request succeeded ({@code 0}). */
    SUCCESS("0"),
    /** The request was refused or failed because of the client ({@code 4}): 4xx answers. */
    MINOR_FAILURE("4"),
    /** The request failed on the server side ({@code 8}): 5xx answers. */
    SERIOUS_FAILURE("8"),
    /** The request failed and the server became unavailable ({@code 12}). */
    MAJOR_FAILURE("12");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    /**
     * Returns the FHIR code.
     *
     * @return {@code 0}, {@code 4}, {@code 8} or {@code 12}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the outcome an HTTP status stands for.
     *
     * @param httpStatus the response status
     * @return success below 400, minor failure for 4xx, serious failure from 500
     */
    public static AuditOutcome ofStatus(int httpStatus) {
        if (httpStatus < 400) {
            return SUCCESS;
        }
        return httpStatus < 500 ? MINOR_FAILURE : SERIOUS_FAILURE;
    }
}
