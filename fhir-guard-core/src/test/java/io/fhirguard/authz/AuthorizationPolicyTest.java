package io.fhirguard.authz;

import static io.fhirguard.authz.SyntheaFixtures.AMMIE;
import static io.fhirguard.authz.SyntheaFixtures.BARRETT;
import static io.fhirguard.authz.SyntheaFixtures.ammie;
import static io.fhirguard.authz.SyntheaFixtures.barrett;
import static io.fhirguard.authz.SyntheaFixtures.firstObservation;
import static io.fhirguard.authz.TestRequests.request;
import static io.fhirguard.authz.TestRequests.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.BearerError;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.IssueType;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.scope.Permission;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Decisions that need more than one table row: bundles, bodies, refusals, configuration. */
class AuthorizationPolicyTest {
    private static final AuthorizationPolicy POLICY =
            AuthorizationPolicy.create(AuthorizationConfig.builder().build());

    private static FhirRequest bundle(Interaction kind, FhirRequest... entries) {
        return FhirRequest.builder("POST", kind).entries(List.of(entries)).build();
    }

    @Test
    void batchWithOneAllowedAndOneOtherPatientSearchIsDecidedPerEntry() {
        FhirRequest batch = bundle(Interaction.BATCH, request("GET Observation?code=8302-2"),
                request("GET Observation?patient=B"));

        AccessDecision d = POLICY.decide(token("patient/Observation.rs", "A"), batch);

        assertThat(d.isPermitted()).isTrue();
        assertThat(d.entries()).hasSize(2);
        assertThat(d.entries().get(0).isPermitted()).isTrue();
        assertThat(d.entries().get(0).request().parameters().values("patient"))
                .containsExactly("A");
        assertThat(d.entries().get(1).isPermitted()).isFalse();
        assertThat(d.entries().get(1).reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
        assertThat(d.request().entries().get(0).parameters().values("patient"))
                .containsExactly("A");
    }

    @Test
    void transactionWithOneDeniedEntryIsDeniedAsAWhole() {
        FhirRequest tx = bundle(Interaction.TRANSACTION, request("GET Observation?code=x"),
                request("DELETE Observation/O1"));

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", "A"), tx);

        assertThat(d.isPermitted()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_TRANSACTION_ENTRY_DENIED);
        assertThat(d.description()).hasValueSatisfying(s -> assertThat(s)
                .contains("entry 1").contains("authz-unverifiable-write"));
        assertThat(d.entries()).extracting(AccessDecision::isPermitted)
                .containsExactly(true, false);
    }

    @Test
    void transactionOfPermittedEntriesIsPermittedWithNarrowedEntries() {
        FhirRequest tx = bundle(Interaction.TRANSACTION, request("GET Observation?code=x"),
                request("GET Patient/A"));

        AccessDecision d = POLICY.decide(token("patient/Observation.rs patient/Patient.rs", "A"),
                tx);

        assertThat(d.isPermitted()).isTrue();
        assertThat(d.isNarrowed()).isTrue();
        assertThat(d.request().entries().get(0).parameters().values("patient"))
                .containsExactly("A");
    }

    @Test
    void postSearchWithFormBodyNamingAnotherPatientIsAnEscape() {
        FhirRequest post = FhirRequest.builder("POST", Interaction.SEARCH_TYPE)
                .resourceType("Observation").parameters(TestRequests.query(
                        "code=8302-2&subject=Patient%2FB")).build();

        AccessDecision d = POLICY.decide(token("patient/Observation.rs", "A"), post);

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void missingScopeRefusalIs403InsufficientScopeNamingTheScope() {
        AccessDecision d = POLICY.decide(token("patient/Observation.rs", "A"),
                request("GET Condition"));

        FhirGuardException refusal = d.toRefusal();

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.bearerError()).contains(BearerError.INSUFFICIENT_SCOPE);
        assertThat(refusal.requiredScope()).contains("patient/Condition.s");
        assertThat(d.requiredScope()).contains("patient/Condition.s");
    }

    @Test
    void systemTokenIsToldItNeedsASystemScope() {
        AccessDecision d = POLICY.decide(token("system/Observation.rs", null),
                request("DELETE Observation/O1"));

        assertThat(d.requiredScope()).contains("system/Observation.d");
    }

    @Test
    void compartmentEscapeRefusalIs403ForbiddenWithoutBearerError() {
        AccessDecision d = POLICY.decide(token("patient/Observation.rs", "A"),
                request("GET Observation?patient=B"));

        FhirGuardException refusal = d.toRefusal();

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.issueType()).isEqualTo(IssueType.FORBIDDEN);
        assertThat(refusal.bearerError()).isEmpty();
        assertThat(refusal.requiredScope()).isEmpty();
        assertThat(refusal.description()).doesNotContain("B");
    }

    @Test
    void malformedScopeRefusesEveryRequestOfTheTokenWith403() {
        AccessToken t = token("user/*.rs patient/Observation.rs?category:not=laboratory", "A");

        AccessDecision read = POLICY.decide(t, request("GET Organization/1"));
        AccessDecision meta = POLICY.decide(t, request("GET Patient/A"));

        assertThat(read.toRefusal().status()).isEqualTo(403);
        assertThat(read.reason()).isEqualTo(Reason.SCOPE_UNSUPPORTED_CONSTRAINT);
        assertThat(read.description()).hasValueSatisfying(s -> assertThat(s)
                .contains("patient/Observation.rs?...").contains("refused as a whole"));
        assertThat(meta.isPermitted()).isFalse();
    }

    @Test
    void permitHasNoReasonAndNoRefusal() {
        AccessDecision d = POLICY.decide(token("user/*.rs", null), request("GET Patient/A"));

        assertThatThrownBy(d::reason).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::toRefusal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createOfAnObservationAboutTheTokensPatientIsPermitted() {
        Observation obs = (Observation) firstObservation(barrett(), "laboratory");

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", BARRETT),
                request("POST Observation", obs));

        assertThat(d.isPermitted()).isTrue();
    }

    @Test
    void createOfAnObservationAboutAnotherPatientIsAnEscape() {
        Observation obs = (Observation) firstObservation(ammie(), "laboratory");

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", BARRETT),
                request("POST Observation", obs));

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void createUnderAPatientScopeHasAResponseCheckThatHidesAnotherPatientsExistingMatch() {
        Observation obs = (Observation) firstObservation(barrett(), "laboratory");

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", BARRETT),
                request("POST Observation", obs));

        // A conditional create (If-None-Exist, not seen here) answers with the match it found.
        assertThat(d.isPermitted()).isTrue();
        assertThat(d.responseCheck()).hasValueSatisfying(check -> assertThat(
                check.isVisible(firstObservation(ammie(), "laboratory"))).isFalse());
    }

    @Test
    void createAboutAnotherPatientPerformedByTheTokensPatientIsAnEscape() {
        Observation obs = (Observation) firstObservation(ammie(), "laboratory");
        obs.addPerformer().setReference("Patient/" + BARRETT);

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", BARRETT),
                request("POST Observation", obs));

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void createNamingAnotherPatientByAbsoluteUrlIsAnEscape() {
        Observation obs = (Observation) firstObservation(barrett(), "laboratory");
        obs.addPerformer().setReference("http://fhir.example/fhir/Patient/" + AMMIE);

        AccessDecision d = POLICY.decide(token("patient/Observation.cruds", BARRETT),
                request("POST Observation", obs));

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void createAboutAnotherPatientIsPermittedUnderAUserScope() {
        Observation obs = (Observation) firstObservation(ammie(), "laboratory");
        obs.addPerformer().setReference("Patient/" + BARRETT);

        AccessDecision d = POLICY.decide(token("patient/Observation.rs user/Observation.c"
                + "?category=laboratory", BARRETT), request("POST Observation", obs));

        assertThat(d.isPermitted()).isTrue();
    }

    @Test
    void createOutsideTheScopeConstraintIsRefused() {
        Observation vital = (Observation) firstObservation(barrett(), "vital-signs");

        AccessDecision d = POLICY.decide(token("patient/Observation.c?category=laboratory",
                BARRETT), request("POST Observation", vital));

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void updateOfTheTokensOwnPatientRecordIsPermitted() {
        Patient own = SyntheaFixtures.first(barrett(), Patient.class);

        AccessDecision d = POLICY.decide(token("patient/Patient.ru", BARRETT),
                request("PUT Patient/" + BARRETT, own));

        assertThat(d.isPermitted()).isTrue();
    }

    @Test
    void updateOfOwnPatientIdWithAnotherPatientsBodyIsAnEscape() {
        Patient other = SyntheaFixtures.first(ammie(), Patient.class);

        AccessDecision d = POLICY.decide(token("patient/Patient.ru", BARRETT),
                request("PUT Patient/" + BARRETT, other));

        assertThat(d.reason()).isEqualTo(Reason.AUTHZ_COMPARTMENT_ESCAPE);
    }

    @Test
    void roleGrantLetsATokenWithoutScopesSearch() {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .grantRole("clinician", "user/*.rs").build());
        AccessToken t = AccessToken.builder(CredentialKind.JWT, TestRequests.FINGERPRINT)
                .roles(List.of("clinician")).build();

        AccessDecision d = policy.decide(t, request("GET Observation?patient=B"));

        assertThat(d.isPermitted()).isTrue();
        assertThat(d.isNarrowed()).isFalse();
    }

    @Test
    void clientCeilingCutsTheTokensScopes() {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .clientCeiling("viewer-app", "user/*.rs").build());
        AccessToken t = AccessToken.builder(CredentialKind.JWT, TestRequests.FINGERPRINT)
                .clientId("viewer-app").scopes(List.of("user/*.cruds")).build();

        AccessDecision read = policy.decide(t, request("GET Observation/O1"));
        AccessDecision delete = policy.decide(t, request("DELETE Observation/O1"));

        assertThat(read.isPermitted()).isTrue();
        assertThat(delete.reason()).isEqualTo(Reason.AUTHZ_INSUFFICIENT_SCOPE);
    }

    @Test
    void roleClaimPathIsReadFromNestedClaims() {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .roleClaim("realm_access.roles").grantRole("nurse", "user/Observation.rs")
                .build());
        AccessToken t = AccessToken.builder(CredentialKind.JWT, TestRequests.FINGERPRINT)
                .claims(Map.of("realm_access", Map.of("roles", List.of("nurse")))).build();

        AccessDecision d = policy.decide(t, request("GET Observation"));

        assertThat(d.isPermitted()).isTrue();
    }

    @Test
    void configuredOperationRuleAllowsAnOperationThatIsDeniedByDefault() {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .operation("$validate", OperationRule.requires(Permission.CREATE)).build());

        AccessDecision allowed = policy.decide(token("user/Observation.c", null),
                request("POST Observation/$validate"));
        AccessDecision byDefault = POLICY.decide(token("user/Observation.c", null),
                request("POST Observation/$validate"));

        assertThat(allowed.isPermitted()).isTrue();
        assertThat(byDefault.reason()).isEqualTo(Reason.AUTHZ_OPERATION_DENIED);
    }

    @Test
    void includeWildcardIsPermittedWithACheckWhenConfigured() {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .includeWildcardAllowed(true).build());

        AccessDecision d = policy.decide(token("patient/*.rs", "A"),
                request("GET Observation?_include=*"));

        assertThat(d.isPermitted()).isTrue();
        assertThat(d.responseCheck()).isPresent();
        assertThat(d.request().parameters().asList())
                .contains(new QueryParameter("patient", "A"));
    }

    @Test
    void decisionToStringShowsNoPatientIdOrValues() {
        AccessDecision d = POLICY.decide(token("patient/Observation.rs", "secret-patient-42"),
                request("GET Observation?code=8302-2"));

        assertThat(d.toString()).doesNotContain("secret-patient-42").doesNotContain("8302-2")
                .contains("narrowed");
    }
}
