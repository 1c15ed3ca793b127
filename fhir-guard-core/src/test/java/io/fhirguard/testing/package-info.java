/**
 * Reusable test fixtures, published in core's test-jar: a loopback authorization server (JWKS,
 * discovery, introspection) with controllable keys and failures, test keys made at test time,
 * a JWT factory, a stepped clock and refusal assertions.
 */
package io.fhirguard.testing;
