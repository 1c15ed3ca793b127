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
    /**
     * A batch or transaction entry lacks {@code request.method} or {@code request.url}, or the
     * resource of a create or update entry is not of its URL's type.
     */
    REQUEST_BAD_BUNDLE_ENTRY(400, IssueType.STRUCTURE, null),
    /** A batch or transaction entry is itself a batch or transaction. */
    REQUEST_NESTED_BUNDLE(400, IssueType.NOT_SUPPORTED, null),
    /** An absolute URL in a batch or transaction entry points outside the server's base. */
    REQUEST_FOREIGN_BASE(400, IssueType.INVALID, null),
    /** A batch or transaction holds more entries than the configured limit. */
    REQUEST_TOO_MANY_ENTRIES(413, IssueType.TOO_COSTLY, null),
    /** A query or form parameter has an empty name ({@code =value}). */
    REQUEST_EMPTY_PARAMETER_NAME(400, IssueType.INVALID, null),
    /**
     * The query or form body starts with {@code ?} (HAPI FHIR drops it, others keep it), or a
     * raw {@code +} sits in an {@code application/...} name or value (HAPI keeps it, a servlet
     * container reads a space).
     */
    REQUEST_AMBIGUOUS_PARAMETER(400, IssueType.INVALID, null),

    // ---- Search parameters (SearchParameterValidator) ----------------------------------------
    /** A search parameter is not defined for the resource type (strict mode). */
    PARAM_UNKNOWN(400, IssueType.NOT_SUPPORTED, null),
    /** Warning only: lenient mode dropped a parameter it does not know. */
    PARAM_UNKNOWN_DROPPED(400, IssueType.NOT_SUPPORTED, null),
    /** A parameter name is malformed, or a chain or {@code _has} link cannot be resolved. */
    PARAM_INVALID_NAME(400, IssueType.INVALID, null),
    /** A modifier is not allowed for the parameter's type. */
    PARAM_MODIFIER_NOT_ALLOWED(400, IssueType.NOT_SUPPORTED, null),
    /** A token value does not match {@code [system]|[code]} with FHIR's escapes. */
    PARAM_INVALID_TOKEN(400, IssueType.VALUE, null),
    /** A date value is malformed, has an unknown prefix or is no real calendar date. */
    PARAM_INVALID_DATE(400, IssueType.VALUE, null),
    /** A number value is malformed or has an unknown prefix. */
    PARAM_INVALID_NUMBER(400, IssueType.VALUE, null),
    /** A quantity value is not {@code [prefix]number[|system|code]}. */
    PARAM_INVALID_QUANTITY(400, IssueType.VALUE, null),
    /** A reference value is not {@code id}, {@code Type/id} or {@code Type/id/_history/v}. */
    PARAM_INVALID_REFERENCE(400, IssueType.VALUE, null),
    /** An absolute reference points to a base that is not configured as allowed. */
    PARAM_ABSOLUTE_REFERENCE_REFUSED(400, IssueType.VALUE, null),
    /** A uri value is not a URI. */
    PARAM_INVALID_URI(400, IssueType.VALUE, null),
    /** A composite value has the wrong number of {@code $} components or a bad component. */
    PARAM_INVALID_COMPOSITE(400, IssueType.VALUE, null),
    /** A value is empty, or not one of the values the parameter accepts. */
    PARAM_INVALID_VALUE(400, IssueType.VALUE, null),
    /** {@code _count} is not a non-negative whole number. */
    PARAM_INVALID_COUNT(400, IssueType.VALUE, null),
    /** Warning only: {@code _count} was above the configured maximum and was lowered to it. */
    PARAM_COUNT_CLAMPED(400, IssueType.VALUE, null),
    /** {@code _sort} names a parameter the resource type does not have. */
    PARAM_INVALID_SORT(400, IssueType.VALUE, null),
    /** {@code _include} or {@code _revinclude} is not {@code Type:param[:target]}. */
    PARAM_INVALID_INCLUDE(400, IssueType.VALUE, null),
    /** {@code _include} or {@code _revinclude} uses the {@code *} wildcard, which is refused. */
    PARAM_WILDCARD_INCLUDE(400, IssueType.NOT_SUPPORTED, null),
    /** {@code _elements} names an element the resource type does not have. */
    PARAM_INVALID_ELEMENTS(400, IssueType.VALUE, null),
    /** {@code _format} is not on the configured allow-list. */
    PARAM_FORMAT_NOT_ALLOWED(400, IssueType.NOT_SUPPORTED, null),
    /** A parameter that may appear once ({@code _count}, {@code _sort}, ...) appears again. */
    PARAM_DUPLICATE_SINGLETON(400, IssueType.INVALID, null),
    /** A decoded name or value holds CR, LF, NUL or another control character. */
    PARAM_CONTROL_CHARACTER(400, IssueType.INVALID, null),
    /** A decoded name or value holds an unpaired surrogate or U+FFFD (input was not UTF-8). */
    PARAM_INVALID_UNICODE(400, IssueType.INVALID, null),
    /** The search has more parameters than the configured limit. */
    PARAM_TOO_MANY(400, IssueType.TOO_LONG, null),
    /** One parameter holds more comma-separated values than the configured limit. */
    PARAM_TOO_MANY_VALUES(400, IssueType.TOO_LONG, null),
    /** One parameter value is longer than the configured limit. */
    PARAM_VALUE_TOO_LONG(400, IssueType.TOO_LONG, null),
    /** The decoded parameters together are longer than the configured limit. */
    PARAM_QUERY_TOO_LONG(400, IssueType.TOO_LONG, null),

    // ---- Token validation (io.fhirguard.token) -----------------------------------------------
    /** The request carries no credential at all; no RFC 6750 error code (RFC 6750 §3.1). */
    TOKEN_MISSING(401, IssueType.LOGIN, null),
    /** The credential is longer than the configured limit; refused before any decoding. */
    TOKEN_TOO_LARGE(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The token is not a well-formed JWS: parts, base64url, UTF-8, JSON, duplicates, depth. */
    TOKEN_MALFORMED(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The token is encrypted (JWE); fhir-guard accepts signed tokens only. */
    TOKEN_ENCRYPTED(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The {@code alg} header is missing, {@code none}, or not allowed for the issuer. */
    TOKEN_ALGORITHM_NOT_ALLOWED(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The {@code crit} header names an extension fhir-guard does not understand. */
    TOKEN_CRITICAL_HEADER(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /**
     * The {@code typ} header is not {@code at+jwt} where RFC 9068 mode requires it, or
     * introspection answers that the token is a refresh token.
     */
    TOKEN_WRONG_TYPE(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The {@code iss} claim is missing or names no trusted issuer. */
    TOKEN_UNTRUSTED_ISSUER(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** No key of the token's issuer matches its {@code kid} and {@code alg}. */
    TOKEN_UNKNOWN_KEY(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The signature does not verify with the issuer's key. */
    TOKEN_BAD_SIGNATURE(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The token's {@code exp} has passed (beyond the allowed clock skew). */
    TOKEN_EXPIRED(401, IssueType.EXPIRED, BearerError.INVALID_TOKEN),
    /** The token's {@code nbf} lies in the future (beyond the allowed clock skew). */
    TOKEN_NOT_YET_VALID(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The token's {@code iat} lies in the future (beyond the allowed clock skew). */
    TOKEN_ISSUED_IN_FUTURE(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** A required claim ({@code exp}, or an RFC 9068 claim) is absent. */
    TOKEN_CLAIM_MISSING(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** A claim has the wrong JSON type or an impossible value. */
    TOKEN_CLAIM_INVALID(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The {@code aud} claim is missing or names none of the configured audiences. */
    TOKEN_AUDIENCE_MISMATCH(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The token, its subject, its client or everything issued before it was revoked. */
    TOKEN_REVOKED(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The introspection endpoint did not answer {@code "active": true} (RFC 7662 §2.2). */
    TOKEN_INACTIVE(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The API key matches no configured key hash. */
    TOKEN_UNKNOWN_API_KEY(401, IssueType.LOGIN, BearerError.INVALID_TOKEN),
    /** The key server is unreachable, slow or answers garbage, and no cached key can decide. */
    TOKEN_KEY_SERVER_UNAVAILABLE(503, IssueType.TRANSIENT, null),
    /** The introspection endpoint is unreachable, slow or answers garbage. */
    TOKEN_INTROSPECTION_UNAVAILABLE(503, IssueType.TRANSIENT, null),

    // ---- Authorization (scopes, decisions) ---------------------------------------------
    /**
     * A resource scope in the token does not follow the SMART scope grammar; all access is refused.
     */
    SCOPE_MALFORMED(403, IssueType.FORBIDDEN, null),
    /**
     * A resource scope names a resource type the FHIR version does not define; all access is
     * refused.
     */
    SCOPE_UNKNOWN_RESOURCE_TYPE(403, IssueType.FORBIDDEN, null),
    /**
     * A v2 scope constraint cannot be enforced (unknown parameter, modifier, chain); all access is
     * refused.
     */
    SCOPE_UNSUPPORTED_CONSTRAINT(403, IssueType.FORBIDDEN, null),
    /**
     * The token has {@code patient/} scopes but no {@code patient} claim, or one that is not a
     * FHIR id; all access is refused.
     */
    SCOPE_PATIENT_CONTEXT_MISSING(403, IssueType.FORBIDDEN, null),
    /** The effective scopes do not grant the permission the interaction needs. */
    AUTHZ_INSUFFICIENT_SCOPE(403, IssueType.FORBIDDEN, BearerError.INSUFFICIENT_SCOPE),
    /** The request reaches outside the token's patient compartment. */
    AUTHZ_COMPARTMENT_ESCAPE(403, IssueType.FORBIDDEN, null),
    /** A patient-context grant is used on a resource type outside the Patient compartment. */
    AUTHZ_NOT_IN_COMPARTMENT(403, IssueType.FORBIDDEN, null),
    /**
     * A chained parameter or {@code _has} joins a type that is not granted or leaves the
     * compartment.
     */
    AUTHZ_JOIN_DENIED(403, IssueType.FORBIDDEN, null),
    /**
     * An {@code _include} or {@code _revinclude} names a type that is not granted, or a form denied
     * by policy.
     */
    AUTHZ_INCLUDE_DENIED(403, IssueType.FORBIDDEN, null),
    /** The operation is not in the operation table, or its rule does not allow this call. */
    AUTHZ_OPERATION_DENIED(403, IssueType.FORBIDDEN, null),
    /** A search contradicts a v2 scope constraint. */
    AUTHZ_CONSTRAINT_CONFLICT(403, IssueType.FORBIDDEN, null),
    /**
     * A search parameter cannot be checked against the grant (such as {@code _filter} or {@code
     * _query}).
     */
    AUTHZ_UNSUPPORTED_PARAMETER(403, IssueType.FORBIDDEN, null),
    /**
     * A write whose target fhir-guard cannot place inside the grant (an update or delete by id
     * under a patient scope).
     */
    AUTHZ_UNVERIFIABLE_WRITE(403, IssueType.FORBIDDEN, null),
    /** A transaction entry is denied, so the whole transaction is refused. */
    AUTHZ_TRANSACTION_ENTRY_DENIED(403, IssueType.FORBIDDEN, null),


    // ---- Rate limiting -----------------------------------------------------------------------
    /** The client, user or API key has used up its request budget for the current period. */
    RATE_LIMITED(429, IssueType.THROTTLED, null),
    /** The address has sent too many requests without valid credentials in the current period. */
    RATE_LIMITED_UNAUTHENTICATED(429, IssueType.THROTTLED, null),

    // ---- Conditional create (found by the adversarial suite) -----------------------------
    /**
     * A conditional create ({@code If-None-Exist} header or {@code entry.request.ifNoneExist}):
     * its search runs on the server, and what it finds cannot be checked against the token.
     */
    REQUEST_CONDITIONAL_CREATE_UNSUPPORTED(400, IssueType.NOT_SUPPORTED, null),

    // ---- Servlet filter (fhir-guard-servlet) ---------------------------------------------
    /** The {@code Authorization} header does not follow RFC 6750 §2.1 (one scheme, one token). */
    CREDENTIAL_MALFORMED(400, IssueType.INVALID, BearerError.INVALID_REQUEST),
    /** The request carries more than one credential (two headers, or a header and a parameter). */
    CREDENTIAL_DUPLICATED(400, IssueType.INVALID, BearerError.INVALID_REQUEST),
    /** A token came as an {@code access_token} query or form parameter; only the header is read. */
    CREDENTIAL_NOT_IN_HEADER(400, IssueType.INVALID, BearerError.INVALID_REQUEST),
    /** The request body could not be read to the end. */
    REQUEST_BODY_UNREADABLE(400, IssueType.INVALID, null),
    /** The body of a create or update is not a FHIR resource in the declared format. */
    REQUEST_BODY_NOT_FHIR(400, IssueType.STRUCTURE, null),
    /**
     * The request carries a header the server would read as part of the request's address
     * ({@code Content-Location}: HAPI FHIR takes it as the id of a PUT), which the filter does
     * not check.
     */
    REQUEST_HEADER_NOT_ALLOWED(400, IssueType.INVALID, null),
    /** A CORS preflight came from an origin that is not configured. */
    CORS_ORIGIN_NOT_ALLOWED(403, IssueType.FORBIDDEN, null),
    /** The token lacks the admin scope the revocation endpoint requires. */
    ADMIN_SCOPE_REQUIRED(403, IssueType.FORBIDDEN, BearerError.INSUFFICIENT_SCOPE),
    /** A revocation request body is not one of the accepted JSON forms. */
    ADMIN_REQUEST_INVALID(400, IssueType.INVALID, null),
    /** The resource read is outside the caller's access; reported as not found (no leak). */
    RESPONSE_NOT_VISIBLE(404, IssueType.NOT_FOUND, null),
    /** A response that must be checked could not be parsed as FHIR; refused, never passed. */
    RESPONSE_UNCHECKABLE(502, IssueType.PROCESSING, null),
    /** A response that must be checked is larger than the buffer limit; refused, never passed. */
    RESPONSE_TOO_LARGE(502, IssueType.TOO_COSTLY, null),
    /** SMART discovery could not read the authorization server's metadata. */
    DISCOVERY_UNAVAILABLE(503, IssueType.TRANSIENT, null),
    /** The filter has no valid configuration, so it serves nothing. */
    GUARD_NOT_READY(503, IssueType.TRANSIENT, null),

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
