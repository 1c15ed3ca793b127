/**
 * Implementation of the rate limiter store and address parsing. Not API: types here may change
 * in any release; use {@link io.fhirguard.ratelimit} instead.
 */
package io.fhirguard.ratelimit.internal;
