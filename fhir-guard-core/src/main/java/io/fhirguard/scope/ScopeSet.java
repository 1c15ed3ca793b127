package io.fhirguard.scope;

import io.fhirguard.refusal.Problem;
import java.util.List;
import java.util.Set;

/**
 * The outcome of parsing a token's scopes: the resource scopes, the other SMART scopes
 * ({@code openid}, {@code launch/patient} and so on), the scopes ignored as not SMART, and every
 * problem found.
 *
 * <p>When {@link #problems()} is not empty the token's access must be refused as a whole: a
 * malformed scope is never dropped and never widened.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resourceScopes the resource scopes in v2 form, without duplicates, in token order
 * @param smartScopes the non-resource SMART scopes ({@code launch}, {@code launch/patient},
 *     {@code launch/encounter}, {@code openid}, {@code fhirUser}, {@code profile},
 *     {@code offline_access}, {@code online_access}); they grant no data access
 * @param ignored scopes that are not SMART scopes (such as an identity provider's
 *     {@code email}); they grant nothing
 * @param problems every malformed or unenforceable scope; empty when all parsed
 * @since 1.0
 */
public record ScopeSet(List<SmartScope> resourceScopes, Set<String> smartScopes,
        Set<String> ignored, List<Problem> problems) {
    /**
     * Copies the parts into unmodifiable collections.
     *
     * @param resourceScopes the resource scopes
     * @param smartScopes the non-resource SMART scopes
     * @param ignored the ignored scopes
     * @param problems the problems
     */
    public ScopeSet {
        resourceScopes = List.copyOf(new java.util.LinkedHashSet<>(resourceScopes));
        smartScopes = Set.copyOf(smartScopes);
        ignored = Set.copyOf(ignored);
        problems = List.copyOf(problems);
    }

    /**
     * Tells whether every scope parsed and can be enforced.
     *
     * @return true when there are no problems
     */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Tells whether any resource scope has the {@code patient/} context.
     *
     * @return true when a patient scope is present
     */
    public boolean hasPatientScopes() {
        return resourceScopes.stream().anyMatch(s -> s.context() == ScopeContext.PATIENT);
    }
}
