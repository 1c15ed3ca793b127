package io.fhirguard.refusal;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable reason codes of every refusal fhir-guard makes, each with its HTTP status, FHIR
 * issue type and, where one applies, RFC 6750 error code.
 *
 * <p>The wire form of a reason is {@link #code()}, for example {@code token-expired}. Codes
 * never change meaning once released; each is described in {@code docs/reasons.md}, and a test
 * keeps that page and this enum in step.
 *
 * @since 1.0
 */
public enum Reason {
    // ---- Request parsing (FhirRequest) ----------------------------------------------------
    /** The path names a resource type the server's FHIR version does not know. */
    REQUEST_UNKNOWN_RESOURCE_TYPE(400, IssueType.NOT_SUPPORTED, null),
    /** A resource id or version id does not match FHIR's id grammar. */
    REQUEST_INVALID_ID(400, IssueType.VALUE, null),
    /** The path holds a {@code .} or {@code ..} segment. */
    REQUEST_DOT_SEGMENT(400, IssueType.INVALID, null),
    /** A path segment holds an encoded {@code /} or {@code \}, or a raw backslash. */
    REQUEST_ENCODED_SEPARATOR(400, IssueType.INVALID, null),
    /** The path holds an empty segment ({@code //}). */
    REQUEST_EMPTY_SEGMENT(400, IssueType.INVALID, null),
    /** The path, query or form body holds a NUL or another control character. */
    REQUEST_CONTROL_CHARACTER(400, IssueType.INVALID, null),
    /** A {@code %} escape is malformed or truncated. */
    REQUEST_BAD_PERCENT_ENCODING(400, IssueType.INVALID, null),
    /** Decoded bytes are not valid UTF-8. */
    REQUEST_NOT_UTF8(400, IssueType.INVALID, null),
    /** The path is longer than the configured limit. */
    REQUEST_PATH_TOO_LONG(414, IssueType.TOO_LONG, null),
    /** The query string is longer than the configured limit. */
    REQUEST_QUERY_TOO_LONG(414, IssueType.TOO_LONG, null),
    /** The body is larger than the configured limit. */
    REQUEST_BODY_TOO_LARGE(413, IssueType.TOO_LONG, null),
    /** The path has a shape that is no FHIR REST interaction (an unknown {@code _history} form). */
    REQUEST_UNSUPPORTED_PATH(400, IssueType.NOT_SUPPORTED, null),
    /** The HTTP method is not allowed on this path. */
    REQUEST_METHOD_NOT_ALLOWED(405, IssueType.NOT_SUPPORTED, null),
    /** The body's media type is not one fhir-guard can check for this interaction. */
    REQUEST_UNSUPPORTED_MEDIA_TYPE(415, IssueType.NOT_SUPPORTED, null),
    /** A batch or transaction body is not a parseable Bundle of the matching type. */
    REQUEST_BAD_BUNDLE(400, IssueType.STRUCTURE, null),
    /** A batch or transaction entry lacks {@code request.method} or {@code request.url}. */
    REQUEST_BAD_BUNDLE_ENTRY(400, IssueType.STRUCTURE, null),
    /** A batch or transaction entry is itself a batch or transaction. */
    REQUEST_NESTED_BUNDLE(400, IssueType.NOT_SUPPORTED, null),
    /** An absolute URL in a batch or transaction entry points outside the server's base. */
    REQUEST_FOREIGN_BASE(400, IssueType.INVALID, null),
    /** A batch or transaction holds more entries than the configured limit. */
    REQUEST_TOO_MANY_ENTRIES(413, IssueType.TOO_COSTLY, null),
    /** A query or form parameter has an empty name ({@code =value}). */
    REQUEST_EMPTY_PARAMETER_NAME(400, IssueType.INVALID, null),

    // ---- Internal ----------------------------------------------------------------------------
    /** fhir-guard failed in a way it did not expect; the request is refused (fail closed). */
    INTERNAL_ERROR(500, IssueType.EXCEPTION, null);

    private final int status;
    private final IssueType issueType;
    private final BearerError bearerError;

    Reason(int status, IssueType issueType, BearerError bearerError) {
        this.status = status;
        this.issueType = issueType;
        this.bearerError = bearerError;
    }

    /**
     * Returns the stable wire form of this reason: the constant's name in lower case with
     * hyphens, for example {@code token-expired} for {@code TOKEN_EXPIRED}.
     *
     * @return the reason code as written in {@code docs/reasons.md}
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the HTTP status a refusal with this reason gets.
     *
     * @return an HTTP status code between 400 and 599
     */
    public int status() {
        return status;
    }

    /**
     * Returns the FHIR issue type of the {@code OperationOutcome} issue.
     *
     * @return the issue type
     */
    public IssueType issueType() {
        return issueType;
    }

    /**
     * Returns the RFC 6750 error code for {@code WWW-Authenticate}, where one applies.
     *
     * @return the error code, or empty for refusals that are not about the bearer token
     *     (and for a request that carries no token at all, per RFC 6750 §3.1)
     */
    public Optional<BearerError> bearerError() {
        return Optional.ofNullable(bearerError);
    }
}
