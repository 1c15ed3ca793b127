/**
 * Implementation of the search-parameter sanitizer. Not API: anything here may change in any
 * release without notice; use {@link io.fhirguard.sanitize.SearchParameterValidator}.
 */
package io.fhirguard.sanitize.internal;
