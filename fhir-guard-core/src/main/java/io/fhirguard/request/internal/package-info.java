/**
 * Implementation of the FHIR request parser. Not API: every type here may change or disappear
 * in any release; use {@link io.fhirguard.request.FhirRequestParser} instead.
 */
package io.fhirguard.request.internal;
