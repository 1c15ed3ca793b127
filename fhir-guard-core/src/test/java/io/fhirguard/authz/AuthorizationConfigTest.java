package io.fhirguard.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizationConfigTest {

    @Test
    void defaultsAllowEverythingAndLastnAndDenyIncludeWildcardsAndIterate() {
        AuthorizationConfig config = AuthorizationConfig.builder().build();

        assertThat(config.operations()).containsOnlyKeys("$everything", "$lastn");
        assertThat(config.operations().get("$lastn").searchType()).contains("Observation");
        assertThat(config.isIncludeWildcardAllowed()).isFalse();
        assertThat(config.isIncludeIterateAllowed()).isFalse();
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        AuthorizationConfig.Builder builder = AuthorizationConfig.builder()
                .operation("lastn", OperationRule.asSearch("Observation"))
                .operation("$x", OperationRule.asSearch("Nope"))
                .grantRole("clinician", "user/*.rx");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lastn' is not $name")
                .hasMessageContaining("'Nope' is not a resource type")
                .hasMessageContaining("role 'clinician'");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        AuthorizationConfig config = AuthorizationConfig.builder().includeIterateAllowed(true)
                .grantRole("r", "user/*.rs").removeOperation("$lastn").build();

        AuthorizationConfig copy = config.toBuilder().build();

        assertThat(copy.isIncludeIterateAllowed()).isTrue();
        assertThat(copy.roleMapping().roleGrants()).containsKey("r");
        assertThat(copy.operations()).containsOnlyKeys("$everything");
    }
}
