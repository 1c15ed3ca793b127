package io.fhirguard.audit;

/**
 * What fhir-guard decided about a request.
 *
 * @since 1.0
 */
public enum AuditDecision {
    /** The request was let through (possibly narrowed). */
    PERMIT,
    /** The request was refused. */
    DENY
}
