/**
 * The typed FHIR search-parameter sanitizer: {@link io.fhirguard.sanitize.SearchParameterValidator}
 * checks every search parameter against the grammar FHIR R4 gives its type, refuses anything
 * else with a precise {@link io.fhirguard.refusal.FhirGuardException}, and hands downstream one
 * canonical, decoded-once parameter list.
 *
 * <p>Settings live in the immutable {@link io.fhirguard.sanitize.SanitizerConfig}. The rules,
 * modes and limits are described in {@code docs/sanitizer.md}.
 *
 * @since 1.0
 */
package io.fhirguard.sanitize;
