/**
 * Response rewriting and error bodies of the gateway. Not API: these types may change in any
 * release.
 */
package io.fhirguard.examples.gateway.internal;
