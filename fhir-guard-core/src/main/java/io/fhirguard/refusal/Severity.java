package io.fhirguard.refusal;

/**
 * The severity of one {@link Problem}, as FHIR's {@code OperationOutcome.issue.severity}.
 *
 * @since 1.0
 */
public enum Severity {
    /** The request cannot be processed at all. */
    FATAL("fatal"),
    /** The request was refused because of this problem. */
    ERROR("error"),
    /** The request went ahead, but something was changed or dropped; the client should know. */
    WARNING("warning"),
    /** Information only. */
    INFORMATION("information");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    /**
     * Returns the FHIR code, for example {@code warning}.
     *
     * @return the code from the {@code http://hl7.org/fhir/issue-severity} code system
     */
    public String code() {
        return code;
    }
}
