/**
 * The audit SPI: an immutable {@link io.fhirguard.audit.AuditEvent} for every security decision,
 * and the {@link io.fhirguard.audit.AuditSink}s that record it: JSON lines (with an optional hash
 * chain and its {@link io.fhirguard.audit.AuditLogVerifier}), FHIR R4 {@code AuditEvent}
 * resources following IHE BALP sent to a FHIR server, and an asynchronous dispatcher with a
 * bounded queue.
 *
 * <p>No event can hold a token, secret, client assertion or cookie: the agent is built from a
 * validated {@link io.fhirguard.token.AccessToken} and keeps only identifiers and the token's
 * fingerprint or {@code jti}.
 *
 * @since 1.0
 */
package io.fhirguard.audit;
