/**
 * Implementation of the fhir-guard OAuth client: HTTP transport, token cache, grant requests
 * and client-authentication methods. Not API: anything here may change in any release without
 * notice; use the types in {@code io.fhirguard.client} instead.
 */
package io.fhirguard.client.internal;
