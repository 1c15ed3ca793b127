/**
 * Implementation of the scope package. Not API: types here may change or disappear in any
 * release.
 */
package io.fhirguard.scope.internal;
