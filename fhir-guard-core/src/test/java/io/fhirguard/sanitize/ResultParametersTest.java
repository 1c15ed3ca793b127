package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.config;
import static io.fhirguard.sanitize.Fixtures.passesUnchanged;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.reasons;
import static io.fhirguard.sanitize.Fixtures.refusedOnObservation;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.refusal.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultParametersTest {

    @Test
    void countAboveMaximumIsClampedWithAWarning() {
        SanitizedParameters result = STRICT.validate("Observation",
                query("code=8480-6", "_count=5000"));

        assertThat(result.parameters()).isEqualTo(query("code=8480-6", "_count=100"));
        assertThat(result.isUnchanged()).isFalse();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.reason()).isEqualTo(Reason.PARAM_COUNT_CLAMPED);
            assertThat(w.location()).hasValue("parameter[1] _count");
            assertThat(w.description())
                    .isEqualTo("_count was lowered to the maximum page size 100.");
        });
    }

    @Test
    void countAtTheConfiguredMaximumIsKept() {
        SearchParameterValidator validator =
                SearchParameterValidator.create(config().maxCount(20).build());

        SanitizedParameters result = validator.validate("Observation", query("_count=20"));

        assertThat(result.parameters()).isEqualTo(query("_count=20"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void countThatIsNoWholeNumberIsRefused() {
        refusedOnObservation(Reason.PARAM_INVALID_COUNT, "_count=-1");
        refusedOnObservation(Reason.PARAM_INVALID_COUNT, "_count=10.5");
        refusedOnObservation(Reason.PARAM_INVALID_COUNT, "_count=9999999999");
    }

    @Test
    void sortOnKnownParametersPasses() {
        passesUnchanged("Observation", "_sort=-date,code,_lastUpdated");
    }

    @Test
    void sortOnUnknownParameterIsRefused() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_INVALID_SORT, "_sort=birthdate");

        assertThat(e.description())
                .isEqualTo("_sort names 'birthdate', which is no search parameter of Observation.");
    }

    @Test
    void includeOfAReferenceParameterOfTheSearchedTypePasses() {
        passesUnchanged("Observation", "_include=Observation:patient",
                "_include=Observation:subject:Patient", "_revinclude=Provenance:target",
                "_include:iterate=Patient:general-practitioner");
    }

    @Test
    void includeWithWildcardIsRefusedByDefault() {
        refusedOnObservation(Reason.PARAM_WILDCARD_INCLUDE, "_include=*");
        refusedOnObservation(Reason.PARAM_WILDCARD_INCLUDE, "_revinclude=Provenance:*");
    }

    @Test
    void includeWithWildcardPassesWhenConfigured() {
        SearchParameterValidator validator = SearchParameterValidator.create(
                config().wildcardIncludeAllowed(true).build());

        assertThat(validator.validate("Observation", query("_include=*")).parameters())
                .isEqualTo(query("_include=*"));
    }

    @Test
    void malformedIncludesAreRefused() {
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_include=Observation");
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_include=Observation:code");
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_include=Observation:subject:Claim");
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_include=Patient:organization");
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_revinclude=Encounter:patient");
        refusedOnObservation(Reason.PARAM_INVALID_INCLUDE, "_include=Nope:subject");
    }

    @Test
    void includeWithAnUnknownModifierIsRefused() {
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED,
                "_include:recurse=Observation:patient");
    }

    @Test
    void elementsOfTheTypePassAndOthersAreRefused() {
        passesUnchanged("Observation", "_elements=status,code,value,subject");

        FhirGuardException e = refusedOnObservation(Reason.PARAM_INVALID_ELEMENTS,
                "_elements=status,birthDate,valueQuantity");

        assertThat(e.problems()).extracting(Problem::description).containsExactly(
                "_elements names 'birthDate', which is no element of Observation.",
                "_elements names 'valueQuantity', which is no element of Observation.");
    }

    @Test
    void formatOnTheAllowListPassesAndOthersAreRefused() {
        passesUnchanged("Observation", "_format=json");
        passesUnchanged("Observation", "_format=application/fhir+xml");
        refusedOnObservation(Reason.PARAM_FORMAT_NOT_ALLOWED, "_format=text/html");
    }

    @Test
    void formatAllowListIsConfigurable() {
        SearchParameterValidator validator = SearchParameterValidator.create(
                config().allowedFormats(Set.of("JSON")).build());

        assertThat(validator.validate("Observation", query("_format=json")).warnings()).isEmpty();
        assertThat(Fixtures.refusal(validator, "Observation", query("_format=xml")).reason())
                .isEqualTo(Reason.PARAM_FORMAT_NOT_ALLOWED);
    }

    @Test
    void enumeratedResultParametersAcceptOnlyTheirValues() {
        passesUnchanged("Observation", "_summary=count", "_total=accurate", "_contained=both",
                "_containedType=contained", "_pretty=true");
        refusedOnObservation(Reason.PARAM_INVALID_VALUE, "_summary=all");
        refusedOnObservation(Reason.PARAM_INVALID_VALUE, "_total=exact");
        refusedOnObservation(Reason.PARAM_INVALID_VALUE, "_pretty=yes");
    }

    @Test
    void everyDuplicatedSingletonIsRefusedAtItsRepeat() {
        FhirGuardException e = refusedOnObservation(Reason.PARAM_DUPLICATE_SINGLETON,
                "_count=10", "_sort=date", "_count=20", "_sort=code", "_summary=true",
                "_summary=false", "_total=none", "_total=none", "_format=json", "_format=xml");

        assertThat(e.problems()).extracting(p -> p.location().orElseThrow()).containsExactly(
                "parameter[2] _count", "parameter[3] _sort", "parameter[5] _summary",
                "parameter[7] _total", "parameter[9] _format");
        assertThat(reasons(e.problems())).containsOnly(Reason.PARAM_DUPLICATE_SINGLETON);
    }

    @Test
    void repeatedIncludesAreNotSingletons() {
        passesUnchanged("Observation", "_include=Observation:patient",
                "_include=Observation:encounter");
    }

    @Test
    void resultParameterWithAModifierIsRefused() {
        refusedOnObservation(Reason.PARAM_MODIFIER_NOT_ALLOWED, "_count:missing=true");
    }

    @Test
    void systemLevelSearchKnowsOnlyCommonAndResultParameters() {
        passesUnchanged(null, "_lastUpdated=ge2025-01-01", "_sort=-_lastUpdated", "_count=5",
                "_elements=id,meta,status");

        FhirGuardException e = Fixtures.refusal(STRICT, null, query("code=x"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_UNKNOWN);
        assertThat(e.description())
                .isEqualTo("The parameter 'code' is not defined for a system-level search.");
    }
}
