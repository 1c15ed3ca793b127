/**
 * Implementation of token validation. Not API: types here may change in any release; use
 * {@link io.fhirguard.token} instead.
 */
package io.fhirguard.token.internal;
