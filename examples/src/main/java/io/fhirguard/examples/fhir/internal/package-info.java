/**
 * Resource providers and search matching of the example FHIR server. Not API: these types may
 * change in any release.
 */
package io.fhirguard.examples.fhir.internal;
