/**
 * Implementation of the authorization decisions: compartment membership, search narrowing and
 * response visibility. Not API: types here may change or disappear in any release.
 */
package io.fhirguard.authz.internal;
