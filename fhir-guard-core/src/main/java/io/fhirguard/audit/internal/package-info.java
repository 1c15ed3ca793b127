/**
 * Implementation of the audit sinks: JSON rendering, hashing, scrubbing. Not API: types here may
 * change in any release; use {@link io.fhirguard.audit} instead.
 */
package io.fhirguard.audit.internal;
