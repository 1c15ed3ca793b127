/**
 * Implementation of the fhir-guard servlet filter. Not API: anything here may change in any
 * release without notice; use {@link io.fhirguard.servlet.FhirGuardFilter} and
 * {@link io.fhirguard.servlet.FhirGuardSettings} instead.
 */
package io.fhirguard.servlet.internal;
