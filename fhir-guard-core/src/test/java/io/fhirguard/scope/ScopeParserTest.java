package io.fhirguard.scope;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeParserTest {
    private static final ScopeParser PARSER = ScopeParser.create(FhirContext.forR4Cached());

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({
        "patient/Observation.read, patient/Observation.rs",
        "user/*.write, user/*.cud",
        "system/*.*, system/*.cruds",
        "patient/Observation.rs, patient/Observation.rs",
        "user/Condition.cruds, user/Condition.cruds",
        "user/Patient.u, user/Patient.u"})
    void v1AndV2ScopesParseToTheirV2Meaning(String scope, String v2) {
        assertThat(PARSER.parseResourceScope(scope)).hasValueSatisfying(s ->
                assertThat(s.toScopeString()).isEqualTo(v2));
    }

    @Test
    void v2ConstraintIsKeptAsAParameter() {
        SmartScope s = PARSER.parseResourceScope("patient/Observation.rs?category=laboratory")
                .orElseThrow();

        assertThat(s.constraints().asList())
                .containsExactly(new QueryParameter("category", "laboratory"));
        assertThat(s.permissions()).isEqualTo(EnumSet.of(Permission.READ, Permission.SEARCH));
        assertThat(s.context()).isEqualTo(ScopeContext.PATIENT);
    }

    @Test
    void percentEncodedSystemBarInAConstraintIsDecoded() {
        SmartScope s = PARSER.parseResourceScope(
                "user/Observation.rs?code=http%3A%2F%2Floinc.org%7C8302-2").orElseThrow();

        assertThat(s.constraints().values("code")).containsExactly("http://loinc.org|8302-2");
    }

    @Test
    void spacesTabsAndDuplicatesCollapseToOneScopeEach() {
        ScopeSet set = PARSER.parse(List.of("  patient/Observation.rs\t\tpatient/Observation.rs ",
                "openid   launch/patient\tpatient/Observation.rs"));

        assertThat(set.resourceScopes()).extracting(SmartScope::toScopeString)
                .containsExactly("patient/Observation.rs");
        assertThat(set.smartScopes()).containsExactlyInAnyOrder("openid", "launch/patient");
        assertThat(set.isValid()).isTrue();
    }

    @Test
    void v1AndV2FormsOfTheSameScopeAreOneScope() {
        ScopeSet set = PARSER.parse("patient/Observation.read patient/Observation.rs");

        assertThat(set.resourceScopes()).hasSize(1);
    }

    @Test
    void unknownNonSmartScopesAreIgnoredAndGrantNothing() {
        ScopeSet set = PARSER.parse("email address phone OPENID https://graph.example/read");

        assertThat(set.ignored()).containsExactlyInAnyOrder("email", "address", "phone",
                "OPENID", "https://graph.example/read");
        assertThat(set.resourceScopes()).isEmpty();
        assertThat(set.isValid()).isTrue();
    }

    @Test
    void everySmartNonResourceScopeIsRecognised() {
        ScopeSet set = PARSER.parse("launch launch/patient launch/encounter openid fhirUser"
                + " profile offline_access online_access");

        assertThat(set.smartScopes()).hasSize(8);
        assertThat(set.ignored()).isEmpty();
    }

    @Test
    void upperCaseContextIsMalformedNotIgnored() {
        ScopeSet set = PARSER.parse("User/Observation.rs");

        assertThat(set.problems()).extracting(Problem::reason)
                .containsExactly(Reason.SCOPE_MALFORMED);
    }

    @Test
    void everyBadScopeIsReportedNotJustTheFirst() {
        ScopeSet set = PARSER.parse("patient/Foo.rs user/Observation.xyz"
                + " patient/Observation.rs?code:below=x");

        assertThat(set.problems()).extracting(Problem::reason).containsExactly(
                Reason.SCOPE_UNKNOWN_RESOURCE_TYPE, Reason.SCOPE_MALFORMED,
                Reason.SCOPE_UNSUPPORTED_CONSTRAINT);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({
        "patient/Observation.rs?date=2020",
        "patient/Observation.rs?subject=Patient/1",
        "patient/Observation.rs?category=",
        "patient/Observation.rs?=laboratory",
        "patient/Observation.rs?category=a|b|c",
        "patient/Observation.rs?_has:Observation:patient:code=x",
        "patient/Observation.rs?patient.name=x"})
    void unenforceableConstraintRefusesTheScope(String scope) {
        ScopeSet set = PARSER.parse(scope);

        assertThat(set.isValid()).isFalse();
        assertThat(set.resourceScopes()).isEmpty();
    }

    @Test
    void problemDescriptionDoesNotEchoConstraintValues() {
        ScopeSet set = PARSER.parse("patient/Observation.rs?subject=Patient/secret-id-7");

        assertThat(set.problems().get(0).description()).contains("patient/Observation.rs?...")
                .doesNotContain("secret-id-7");
    }

    @Test
    void problemDescriptionShowsOnlyPrintableCharacters() {
        ScopeSet set = PARSER.parse("patient/Obs\u00e9rvation.rs");

        assertThat(set.problems().get(0).description()).contains("patient/Obs?rvation.rs");
    }
}
