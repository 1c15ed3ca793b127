package io.fhirguard.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveScopeResolverTest {
    private static final ScopeParser PARSER = ScopeParser.create(FhirContext.forR4Cached());

    private static AccessToken.Builder token() {
        return AccessToken.builder(CredentialKind.JWT, "cd".repeat(32));
    }

    private static List<String> effective(RoleMappingConfig config, AccessToken token) {
        return EffectiveScopeResolver.create(PARSER, config).resolve(token).resourceScopes()
                .stream().map(SmartScope::toScopeString).toList();
    }

    @Test
    void roleGrantsAreAddedToTheTokensScopes() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .grantRole("clinician", "user/*.rs").build();

        List<String> scopes = effective(config, token().scopes(List.of("user/Observation.c"))
                .roles(List.of("clinician", "unmapped")).build());

        assertThat(scopes).containsExactly("user/Observation.c", "user/*.rs");
    }

    @Test
    void ceilingCutsLettersToTheCommonOnes() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .clientCeiling("app", "user/Observation.rs").build();

        List<String> scopes = effective(config, token().clientId("app")
                .scopes(List.of("user/*.cruds")).build());

        assertThat(scopes).containsExactly("user/Observation.rs");
    }

    @Test
    void ceilingAppliesToRoleGrantsToo() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .grantRole("admin", "user/*.cruds")
                .clientCeiling("app", "user/*.rs").build();

        List<String> scopes = effective(config, token().clientId("app")
                .roles(List.of("admin")).build());

        assertThat(scopes).containsExactly("user/*.rs");
    }

    @Test
    void ceilingOfAnotherContextRemovesTheScope() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .clientCeiling("app", "patient/*.rs").build();

        List<String> scopes = effective(config, token().clientId("app")
                .scopes(List.of("user/*.rs")).build());

        assertThat(scopes).isEmpty();
    }

    @Test
    void ceilingConstraintIsAddedToTheScope() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .clientCeiling("app", "patient/Observation.rs?category=laboratory").build();

        List<String> scopes = effective(config, token().clientId("app")
                .scopes(List.of("patient/*.rs")).build());

        assertThat(scopes).containsExactly("patient/Observation.rs?category=laboratory");
    }

    @Test
    void clientWithoutCeilingKeepsItsScopes() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .clientCeiling("other", "user/Patient.r").build();

        List<String> scopes = effective(config, token().clientId("app")
                .scopes(List.of("user/*.cruds")).build());

        assertThat(scopes).containsExactly("user/*.cruds");
    }

    @Test
    void rolesAreReadFromAClaimPathWhenConfigured() {
        RoleMappingConfig config = RoleMappingConfig.builder().roleClaim("realm_access.roles")
                .grantRole("nurse", "user/Observation.rs").build();

        List<String> scopes = effective(config, token().roles(List.of("ignored"))
                .claims(Map.of("realm_access", Map.of("roles", List.of("nurse")))).build());

        assertThat(scopes).containsExactly("user/Observation.rs");
    }

    @Test
    void malformedTokenScopeIsNotHiddenByRoleGrants() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .grantRole("clinician", "user/*.rs").build();

        ScopeSet set = EffectiveScopeResolver.create(PARSER, config).resolve(token()
                .scopes(List.of("user/Observation.bogus")).roles(List.of("clinician")).build());

        assertThat(set.isValid()).isFalse();
    }

    @Test
    void badConfiguredScopesAreAllReportedAtCreation() {
        RoleMappingConfig config = RoleMappingConfig.builder()
                .grantRole("a", "user/Nope.rs")
                .grantRole("b", "openid")
                .clientCeiling("c", "user/*.zz").build();

        assertThatThrownBy(() -> EffectiveScopeResolver.create(PARSER, config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role 'a'").hasMessageContaining("role 'b'")
                .hasMessageContaining("client 'c'");
    }

    @Test
    void sameScopesAreCappedByTheCeilingOfEachTokensOwnClient() {
        EffectiveScopeResolver resolver = EffectiveScopeResolver.create(PARSER,
                RoleMappingConfig.builder().clientCeiling("app", "user/Observation.rs").build());
        List<String> scopes = List.of("user/*.cruds");

        ScopeSet uncapped = resolver.resolve(token().clientId("other").scopes(scopes).build());
        ScopeSet capped = resolver.resolve(token().clientId("app").scopes(scopes).build());

        assertThat(uncapped.resourceScopes()).extracting(SmartScope::toScopeString)
                .containsExactly("user/*.cruds");
        assertThat(capped.resourceScopes()).extracting(SmartScope::toScopeString)
                .containsExactly("user/Observation.rs");
    }

    @Test
    void malformedScopesCarryTheirProblemsOnEveryResolve() {
        EffectiveScopeResolver resolver = EffectiveScopeResolver.create(PARSER,
                RoleMappingConfig.builder().build());
        AccessToken malformed = token().scopes(List.of("user/Observation.xyz")).build();

        assertThat(resolver.resolve(malformed).problems()).isNotEmpty();
        assertThat(resolver.resolve(malformed).problems()).isNotEmpty();
    }

    @Test
    void scopesResolveTheSameAfterMoreDistinctScopeListsThanTheCacheHolds() {
        EffectiveScopeResolver resolver = EffectiveScopeResolver.create(PARSER,
                RoleMappingConfig.builder().build());
        AccessToken first = token().scopes(List.of("patient/Observation.rs", "email")).build();
        ScopeSet before = resolver.resolve(first);

        for (int i = 0; i < 1_100; i++) {
            resolver.resolve(token().scopes(List.of("user/Patient.r", "extra" + i)).build());
        }

        assertThat(resolver.resolve(first)).isEqualTo(before);
        assertThat(before.resourceScopes()).extracting(SmartScope::toScopeString)
                .containsExactly("patient/Observation.rs");
    }
}
