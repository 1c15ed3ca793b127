/**
 * The FHIR request model: an immutable {@link io.fhirguard.request.FhirRequest} describing one
 * FHIR REST interaction, and the parser that builds it from raw HTTP parts.
 *
 * @since 1.0
 */
package io.fhirguard.request;
