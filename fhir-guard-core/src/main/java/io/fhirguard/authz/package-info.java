/**
 * Authorization decisions: given a validated {@link io.fhirguard.token.AccessToken} and a
 * {@link io.fhirguard.request.FhirRequest}, {@link io.fhirguard.authz.AuthorizationPolicy}
 * permits, permits with narrowing, permits pending a {@link io.fhirguard.authz.ResponseCheck},
 * or denies, with a stable reason and, for a missing scope, the scope that was needed.
 *
 * <p>The rules (interaction to permission letter, patient compartment, operations, includes)
 * are written down in {@code docs/scopes.md}.
 *
 * @since 1.0
 */
package io.fhirguard.authz;
