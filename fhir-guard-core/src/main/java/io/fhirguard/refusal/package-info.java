/**
 * The refusal model: one unchecked exception type for every request fhir-guard turns away, the
 * stable reason codes it carries, and the rendering of a refusal as a FHIR
 * {@code OperationOutcome}.
 *
 * <p>Every refusal carries an HTTP status, an RFC 6750 error code where one applies, a FHIR
 * issue type, a stable {@link io.fhirguard.refusal.Reason} and a description that is safe to
 * show the client. Reason codes and their meaning are listed in {@code docs/reasons.md}.
 *
 * @since 1.0
 */
package io.fhirguard.refusal;
