package io.fhirguard.refusal;

/**
 * The FHIR R4 {@code IssueType} codes (value set {@code issue-type}) that fhir-guard uses in an
 * {@code OperationOutcome.issue.code}.
 *
 * @since 1.0
 */
public enum IssueType {
    /** Content invalid against the specification or a profile. */
    INVALID("invalid"),
    /** A structural issue in the content, such as wrong syntax. */
    STRUCTURE("structure"),
    /** A required element is missing. */
    REQUIRED("required"),
    /** An element or parameter value is not valid. */
    VALUE("value"),
    /** An authentication or authorization problem. */
    SECURITY("security"),
    /** The client needs to authenticate (again). */
    LOGIN("login"),
    /** The credential has expired. */
    EXPIRED("expired"),
    /** The user or client may not perform this action. */
    FORBIDDEN("forbidden"),
    /** Processing failed for a reason not covered by another code. */
    PROCESSING("processing"),
    /** The interaction, operation or content is not supported. */
    NOT_SUPPORTED("not-supported"),
    /** The resource was not found (or may not be revealed to the caller). */
    NOT_FOUND("not-found"),
    /** A content or parameter is longer than allowed. */
    TOO_LONG("too-long"),
    /** The request would cost too much to process. */
    TOO_COSTLY("too-costly"),
    /** The client has sent too many requests. */
    THROTTLED("throttled"),
    /** A temporary problem: trying again later may succeed. */
    TRANSIENT("transient"),
    /** A dependency did not answer in time. */
    TIMEOUT("timeout"),
    /** An unexpected internal error. */
    EXCEPTION("exception"),
    /** Information only, not an error. */
    INFORMATIONAL("informational");

    private final String code;

    IssueType(String code) {
        this.code = code;
    }

    /**
     * Returns the FHIR code, for example {@code not-supported}.
     *
     * @return the code from the {@code http://hl7.org/fhir/issue-type} code system
     */
    public String code() {
        return code;
    }
}
