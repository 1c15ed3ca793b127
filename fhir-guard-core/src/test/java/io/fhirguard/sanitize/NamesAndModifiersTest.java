package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.LENIENT;
import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.reasons;
import static io.fhirguard.sanitize.Fixtures.refusal;
import static io.fhirguard.sanitize.Fixtures.refusedOnObservation;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.refusal.Severity;
import org.junit.jupiter.api.Test;

class NamesAndModifiersTest {

    @Test
    void unknownParameterIsRefusedInStrictMode() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_UNKNOWN, "code=x", "colour=red");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).hasValue("parameter[1] colour");
            assertThat(p.description())
                    .isEqualTo("The parameter 'colour' is not defined for Observation.");
        });
    }

    @Test
    void unknownParameterIsDroppedWithAWarningInLenientMode() {
        SanitizedParameters result = LENIENT.validate("Observation",
                query("colour=red", "code=x", "_count=500"));

        assertThat(result.parameters()).isEqualTo(query("code=x", "_count=100"));
        assertThat(reasons(result.warnings()))
                .containsExactly(Reason.PARAM_UNKNOWN_DROPPED, Reason.PARAM_COUNT_CLAMPED);
        assertThat(result.warnings().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(result.warnings().get(0).location()).hasValue("parameter[0] colour");
    }

    @Test
    void lenientModeStillRefusesBadValuesOfKnownParameters() {
        FhirGuardException e = refusal(LENIENT, "Observation", query("colour=red", "date=x"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_INVALID_DATE);
        assertThat(reasons(e.problems()))
                .containsExactly(Reason.PARAM_INVALID_DATE, Reason.PARAM_UNKNOWN_DROPPED);
    }

    @Test
    void modifierNotAllowedForTheTypeIsRefused() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED,
                "date:exact=2025");

        assertThat(e.description())
                .isEqualTo("The modifier ':exact' is not allowed on the date parameter 'date'.");
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED, "code:contains=x");
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED, "subject:not=Patient/1");
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED, "patient:Group=1");
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED, "value-quantity:below=5");
    }

    @Test
    void chainThroughANonReferenceIsRefused() {
        refusedOnObservation(Reason.PARAM_INVALID_NAME, "code.name=x");
    }

    @Test
    void chainWithUnknownLinkIsUnknown() {
        refusedOnObservation(Reason.PARAM_UNKNOWN, "patient.colour=red");
    }

    @Test
    void chainLongerThanTheLimitIsRefused() {
        refusedOnObservation(Reason.PARAM_INVALID_NAME, "a.b.c.d.e=x");
    }

    @Test
    void hasThatDoesNotPointBackIsRefused() {
        FhirGuardException e = refusal(STRICT, "Patient",
                query("_has:Observation:encounter:code=1"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_INVALID_NAME);
    }

    @Test
    void hasValueFollowsTheTargetParametersGrammar() {
        FhirGuardException e = refusal(STRICT, "Patient",
                query("_has:Observation:patient:date=yesterday"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_INVALID_DATE);
    }

    @Test
    void malformedNameIsRefusedAndShownMasked() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_INVALID_NAME,
                "code:<script>=x");

        assertThat(e.problems().get(0).location()).hasValue("parameter[0] code:?script?");
    }

    @Test
    void unknownResourceTypeIsRefused() {
        FhirGuardException e = refusal(STRICT, "Nonsense", query("code=x"));

        assertThat(e.reason()).isEqualTo(Reason.REQUEST_UNKNOWN_RESOURCE_TYPE);
    }

    @Test
    void everyProblemIsListedWithItsPositionAndName() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_INVALID_DATE,
                "date=2025-02-30", "code=ok", "patient=Patient/<x>", "colour=red",
                "value-quantity=big");

        assertThat(e.problems()).extracting(p -> p.location().orElseThrow()).containsExactly(
                "parameter[0] date", "parameter[2] patient", "parameter[3] colour",
                "parameter[4] value-quantity");
        assertThat(reasons(e.problems())).containsExactly(Reason.PARAM_INVALID_DATE,
                Reason.PARAM_INVALID_REFERENCE, Reason.PARAM_UNKNOWN,
                Reason.PARAM_INVALID_QUANTITY);
        assertThat(e.description()).isEqualTo("The date value is not a real calendar date."
                + " (and 3 more problems)");
    }
}
