package io.fhirguard.authz;

import static io.fhirguard.authz.SyntheaFixtures.AMMIE;
import static io.fhirguard.authz.SyntheaFixtures.BARRETT;
import static io.fhirguard.authz.SyntheaFixtures.ammie;
import static io.fhirguard.authz.SyntheaFixtures.barrett;
import static io.fhirguard.authz.SyntheaFixtures.first;
import static io.fhirguard.authz.SyntheaFixtures.firstObservation;
import static io.fhirguard.authz.SyntheaFixtures.searchset;
import static io.fhirguard.authz.TestRequests.request;
import static io.fhirguard.authz.TestRequests.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The response check on real Synthea resources of two patients. */
class ResponseCheckTest {
    private static final AuthorizationPolicy POLICY =
            AuthorizationPolicy.create(AuthorizationConfig.builder().build());

    private static ResponseCheck checkFor(String scopes, String patient, String line) {
        AccessDecision d = POLICY.decide(token(scopes, patient), request(line));
        assertThat(d.isPermitted()).as("%s", d).isTrue();
        return d.responseCheck().orElseThrow();
    }

    @Test
    void patientScopeSeesOwnObservationButNotAnotherPatients() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");

        assertThat(check.isVisible(firstObservation(barrett(), "laboratory"))).isTrue();
        assertThat(check.isVisible(firstObservation(ammie(), "laboratory"))).isFalse();
    }

    @Test
    void patientResourceIsVisibleOnlyForTheTokensOwnPatient() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");

        assertThat(check.isVisible(first(barrett(), Patient.class))).isTrue();
        assertThat(check.isVisible(first(ammie(), Patient.class))).isFalse();
    }

    @Test
    void claimAndEncounterAreInTheCompartmentThroughTheirPatientReference() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");

        assertThat(check.isVisible(first(barrett(), Claim.class))).isTrue();
        assertThat(check.isVisible(first(barrett(), Encounter.class))).isTrue();
        assertThat(check.isVisible(first(ammie(), Claim.class))).isFalse();
    }

    @Test
    void organizationAndPractitionerAreOutsideAPatientScope() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");

        assertThat(check.isVisible(first(barrett(), Organization.class))).isFalse();
        assertThat(check.isVisible(first(barrett(), Practitioner.class))).isFalse();
    }

    @Test
    void userScopeOnOrganizationMakesOrganizationsVisibleNextToPatientData() {
        ResponseCheck check = checkFor("patient/Observation.rs user/Organization.rs", BARRETT,
                "GET Observation/x");

        assertThat(check.isVisible(first(ammie(), Organization.class))).isTrue();
        assertThat(check.isVisible(first(barrett(), Encounter.class))).isFalse();
    }

    @Test
    void categoryConstraintShowsLaboratoryAndHidesVitalSigns() {
        ResponseCheck check = checkFor("patient/Observation.rs?category=laboratory", BARRETT,
                "GET Observation/x");

        assertThat(check.isVisible(firstObservation(barrett(), "laboratory"))).isTrue();
        assertThat(check.isVisible(firstObservation(barrett(), "vital-signs"))).isFalse();
    }

    @Test
    void constraintWithSystemMatchesOnlyCodingsOfThatSystem() {
        ResponseCheck check = checkFor("user/Observation.rs?category=http://terminology.hl7.org"
                + "/CodeSystem/observation-category|laboratory", null, "GET Observation/x");
        Observation other = (Observation) firstObservation(barrett(), "laboratory").copy();
        other.getCategoryFirstRep().getCodingFirstRep().setSystem("http://example.org/x");

        assertThat(check.isVisible(firstObservation(ammie(), "laboratory"))).isTrue();
        assertThat(check.isVisible(other)).isFalse();
    }

    @Test
    void referenceWithABaseUrlDoesNotPlaceAResourceInTheCompartment() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");
        Observation obs = (Observation) firstObservation(barrett(), "laboratory").copy();
        obs.getSubject().setReference("http://elsewhere.example/fhir/Patient/" + BARRETT);

        assertThat(check.isVisible(obs)).isFalse();
    }

    @Test
    void filterRemovesTheOtherPatientsEntriesAndDropsTotal() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");
        List<Resource> all = new ArrayList<>(barrett());
        all.addAll(ammie());
        Bundle bundle = searchset(all);

        int removed = check.filter(bundle);

        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getResource().fhirType())
                .isNotIn("Organization", "Practitioner"));
        assertThat(bundle.getEntry()).noneSatisfy(e -> assertThat(
                e.getResource().getIdElement().getIdPart()).isEqualTo(AMMIE));
        assertThat(bundle.getEntry()).hasSize(14);
        assertThat(removed).isEqualTo(all.size() - 14);
        assertThat(bundle.hasTotal()).isFalse();
    }

    @Test
    void filterKeepsTotalWhenNothingIsRemoved() {
        ResponseCheck check = checkFor("patient/Observation.rs", BARRETT, "GET Observation/x");
        Bundle bundle = searchset(List.of(firstObservation(barrett(), "laboratory"),
                firstObservation(barrett(), "vital-signs")));

        int removed = check.filter(bundle);

        assertThat(removed).isZero();
        assertThat(bundle.getTotal()).isEqualTo(2);
    }

    @Test
    void filterRemovesContainedResourcesOfTypesThatAreNotGranted() {
        ResponseCheck check = checkFor("patient/ExplanationOfBenefit.rs", BARRETT,
                "GET ExplanationOfBenefit/x");
        ExplanationOfBenefit eob = first(barrett(), ExplanationOfBenefit.class);
        assertThat(eob.getContained()).isNotEmpty();
        int contained = eob.getContained().size();
        Bundle bundle = searchset(List.of(eob));

        int removed = check.filter(bundle);

        assertThat(removed).isEqualTo(contained);
        assertThat(eob.getContained()).isEmpty();
        assertThat(bundle.getEntry()).hasSize(1);
    }

    @Test
    void filterKeepsOperationOutcomesAndBatchResponsePositions() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        bundle.addEntry().setResource(firstObservation(barrett(), "laboratory"));
        bundle.addEntry().setResource(firstObservation(ammie(), "laboratory"));
        bundle.addEntry().setResource(new OperationOutcome());

        int removed = check.filter(bundle);

        assertThat(removed).isEqualTo(1);
        assertThat(bundle.getEntry()).hasSize(3);
        assertThat(bundle.getEntry().get(1).hasResource()).isFalse();
        assertThat(bundle.getEntry().get(2).getResource()).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void searchResultInsideABatchResponseIsFilteredAndKept() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET Observation/x");
        Bundle inner = searchset(List.of(firstObservation(barrett(), "laboratory"),
                firstObservation(ammie(), "laboratory")));
        Bundle outer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        outer.addEntry().setResource(inner);

        int removed = check.filter(outer);

        assertThat(removed).isEqualTo(1);
        assertThat(outer.getEntryFirstRep().getResource()).isSameAs(inner);
        assertThat(inner.getEntry()).hasSize(1);
        assertThat(inner.hasTotal()).isFalse();
    }

    @Test
    void deletedHistoryEntryIsRemovedUnderAPatientScopeAndKeptUnderAUserScope() {
        Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY);
        history.addEntry().setFullUrl("http://fhir.example/Observation/O9")
                .getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/O9");
        Bundle copy = history.copy();

        int removedForPatient = checkFor("patient/Observation.rs", BARRETT,
                "GET Observation/_history").filter(history);
        int removedForUser = checkFor("user/Observation.rs", null,
                "GET Observation/_history").filter(copy);

        assertThat(removedForPatient).isEqualTo(1);
        assertThat(history.getEntry()).isEmpty();
        assertThat(removedForUser).isZero();
        assertThat(copy.getEntry()).hasSize(1);
    }

    @Test
    void everythingResponseIsFilteredToTheTokensPatient() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT,
                "GET Patient/" + BARRETT + "/$everything");
        List<Resource> all = new ArrayList<>(ammie());
        all.add(first(barrett(), Patient.class));
        Bundle bundle = searchset(all);

        check.filter(bundle);

        assertThat(bundle.getEntry()).singleElement().satisfies(e -> assertThat(
                e.getResource().getIdElement().getIdPart()).isEqualTo(BARRETT));
    }
    @Test
    void storedBundleReturnedAsASearchMatchIsRemovedUnderAPatientScope() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET _history");
        Bundle stored = searchset(List.of(firstObservation(barrett(), "laboratory")))
                .setType(Bundle.BundleType.COLLECTION);
        stored.setId("stored-1");
        Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY);
        history.addEntry().setResource(stored);

        int removed = check.filter(history);

        assertThat(removed).isEqualTo(1);
        assertThat(history.getEntry()).isEmpty();
    }

    @Test
    void storedOperationOutcomeIsRemovedUnderAPatientScopeButASearchOutcomeStays() {
        ResponseCheck check = checkFor("patient/*.rs", BARRETT, "GET _history");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addEntry().setResource(new OperationOutcome().setId("stored-oo"));
        bundle.addEntry().setResource(new OperationOutcome()).getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);

        int removed = check.filter(bundle);

        assertThat(removed).isEqualTo(1);
        assertThat(bundle.getEntry()).singleElement().satisfies(e -> assertThat(
                e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME));
    }

    @Test
    void historyTotalIsDroppedUnderAPatientScopeEvenWhenThePageHoldsNothingToRemove() {
        ResponseCheck check = checkFor("patient/Observation.rs", BARRETT,
                "GET Observation/_history");
        Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(5000);

        int removed = check.filter(history);

        assertThat(removed).isZero();
        assertThat(history.hasTotal()).isFalse();
    }

    @Test
    void historyTotalStaysUnderAGrantOfEveryType() {
        ResponseCheck check = checkFor("user/*.rs", null, "GET _history");
        Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(5000);

        check.filter(history);

        assertThat(history.getTotal()).isEqualTo(5000);
    }
}
