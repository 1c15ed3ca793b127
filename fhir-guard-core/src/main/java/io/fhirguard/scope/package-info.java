/**
 * SMART on FHIR scopes: the scope grammar of SMART App Launch 1.0 and 2.x, parsed into
 * immutable {@link io.fhirguard.scope.SmartScope} values by {@link io.fhirguard.scope.ScopeParser},
 * and the effective-scope rule that joins a token's scopes with role grants and caps them by a
 * per-client ceiling ({@link io.fhirguard.scope.RoleMappingConfig},
 * {@link io.fhirguard.scope.EffectiveScopeResolver}).
 *
 * <p>The rules are written down in {@code docs/scopes.md}.
 *
 * @since 1.0
 */
package io.fhirguard.scope;
