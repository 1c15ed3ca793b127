package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.passesUnchanged;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueGrammarTest {

    static Stream<Arguments> validSearches() {
        return Stream.of(
                Arguments.of("Observation", "code=29463-7"),
                Arguments.of("Observation", "code=|29463-7"),
                Arguments.of("Observation", "code=http://loinc.org|"),
                Arguments.of("Observation",
                        "code=http://loinc.org|29463-7,http://loinc.org|8302-2"),
                Arguments.of("Observation", "identifier=urn:sys|a\\,b\\|c\\$d\\\\e"),
                Arguments.of("Observation", "code:not=final"),
                Arguments.of("Observation", "code:text=body weight"),
                Arguments.of("Observation", "code:in=http://hl7.org/fhir/ValueSet/obs"),
                Arguments.of("Patient", "identifier:of-type=http://terminology.hl7.org/"
                        + "CodeSystem/v2-0203|MR|12345"),
                Arguments.of("Observation", "date=2025"),
                Arguments.of("Observation", "date=2025-03"),
                Arguments.of("Observation", "date=eq2024-02-29"),
                Arguments.of("Observation", "date=sa2025-03-01T10:15"),
                Arguments.of("Observation", "date=ap2025-03-01T10:15:30.123+01:00"),
                Arguments.of("Observation", "date=lt2025-03-01T23:59:59Z"),
                Arguments.of("RiskAssessment", "probability=gt0.8"),
                Arguments.of("RiskAssessment", "probability=1e-3"),
                Arguments.of("Observation", "value-quantity=le5.4|http://unitsofmeasure.org|mg"),
                Arguments.of("Observation", "value-quantity=5.4||mg"),
                Arguments.of("Observation", "value-quantity=ap5.4"),
                Arguments.of("Observation", "subject=Patient/123"),
                Arguments.of("Observation", "subject=Patient/123/_history/2"),
                Arguments.of("Observation", "subject:Patient=123"),
                Arguments.of("Observation", "subject:identifier=urn:mrn|77"),
                Arguments.of("Observation", "patient:missing=true"),
                Arguments.of("Patient", "name=O'Brien"),
                Arguments.of("Patient", "name:exact=<script>alert(1)</script>"),
                Arguments.of("Patient", "name:contains=%41"),
                Arguments.of("Observation",
                        "_profile=http://hl7.org/fhir/StructureDefinition/vitalsigns"),
                Arguments.of("ValueSet", "url=http://hl7.org/fhir/ValueSet/x|4.0.1"),
                Arguments.of("Observation", "code-value-quantity=http://loinc.org|8480-6$gt100"),
                Arguments.of("Observation", "code-value-date=29463-7$ge2025-01-01"),
                Arguments.of("Location", "near=-83.69|42.25|11.20|km"),
                Arguments.of("Observation", "_id=abc-1.2"),
                Arguments.of("Observation", "_lastUpdated=gt2025-01-01"),
                Arguments.of("Observation", "_list=$current-problems"),
                Arguments.of("Observation", "_text=fever"),
                Arguments.of("Observation", "subject.name=peter"),
                Arguments.of("Observation", "subject:Patient.birthdate=ge1970"),
                Arguments.of("Patient", "_has:Observation:patient:code=1234-5"),
                Arguments.of("Patient", "general-practitioner.organization.name=Acme"),
                Arguments.of(null, "_lastUpdated=ge2025-01-01"));
    }

    @ParameterizedTest(name = "{0}?{1}")
    @MethodSource("validSearches")
    void validValuePassesUnchanged(String type, String pair) {
        passesUnchanged(type, pair);
    }

    static Stream<Arguments> invalidSearches() {
        return Stream.of(
                Arguments.of("Observation", "code=a|b|c", Reason.PARAM_INVALID_TOKEN),
                Arguments.of("Observation", "code=|", Reason.PARAM_INVALID_TOKEN),
                Arguments.of("Observation", "code=a\\x", Reason.PARAM_INVALID_TOKEN),
                Arguments.of("Observation", "code=%41", Reason.PARAM_INVALID_TOKEN),
                Arguments.of("Observation", "code= lab", Reason.PARAM_INVALID_TOKEN),
                Arguments.of("Observation", "code=a,,b", Reason.PARAM_INVALID_VALUE),
                Arguments.of("Observation", "code=", Reason.PARAM_INVALID_VALUE),
                Arguments.of("Observation", "date=2025-13-01", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-02-30", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2023-02-29", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-00", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=0000", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=xx2025-03-01", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-03-01T24:00", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-03-01T10:60", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-03-01T10:00+15:00",
                        Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=2025-3-1", Reason.PARAM_INVALID_DATE),
                Arguments.of("Observation", "date=today", Reason.PARAM_INVALID_DATE),
                Arguments.of("RiskAssessment", "probability=1.", Reason.PARAM_INVALID_NUMBER),
                Arguments.of("RiskAssessment", "probability=0x10", Reason.PARAM_INVALID_NUMBER),
                Arguments.of("RiskAssessment", "probability=zz5", Reason.PARAM_INVALID_NUMBER),
                Arguments.of("RiskAssessment", "probability=+5", Reason.PARAM_INVALID_NUMBER),
                Arguments.of("RiskAssessment", "probability=007", Reason.PARAM_INVALID_NUMBER),
                Arguments.of("Observation", "value-quantity=5.4|mg",
                        Reason.PARAM_INVALID_QUANTITY),
                Arguments.of("Observation", "value-quantity=five",
                        Reason.PARAM_INVALID_QUANTITY),
                Arguments.of("Observation", "subject=Patient/", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject=Patient/1/2", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject=Patient/1/_history/",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject=Nonsense/1", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "patient=Group/1", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject:Patient=Group/1",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject=../Patient/1",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("Observation", "subject=https://evil.example/fhir/Patient/1",
                        Reason.PARAM_ABSOLUTE_REFERENCE_REFUSED),
                Arguments.of("Observation", "subject=urn:uuid:0f6c7b9a-5f2d-4a47-9d57-1b2c",
                        Reason.PARAM_ABSOLUTE_REFERENCE_REFUSED),
                Arguments.of("Observation", "_profile=not a uri", Reason.PARAM_INVALID_URI),
                Arguments.of("Observation", "_profile=vitalsigns", Reason.PARAM_INVALID_URI),
                Arguments.of("Observation", "_source=http://x/%zz", Reason.PARAM_INVALID_URI),
                Arguments.of("Observation", "code-value-quantity=8480-6",
                        Reason.PARAM_INVALID_COMPOSITE),
                Arguments.of("Observation", "code-value-quantity=8480-6$high",
                        Reason.PARAM_INVALID_COMPOSITE),
                Arguments.of("Observation", "code-value-date=a$b$c",
                        Reason.PARAM_INVALID_COMPOSITE),
                Arguments.of("Location", "near=1|2|<b>", Reason.PARAM_INVALID_VALUE),
                Arguments.of("Observation", "_id=a/b", Reason.PARAM_INVALID_VALUE),
                Arguments.of("Observation", "_list=a b", Reason.PARAM_INVALID_VALUE),
                Arguments.of("Observation", "patient:missing=yes", Reason.PARAM_INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}?{1} -> {2}")
    @MethodSource("invalidSearches")
    void invalidValueIsRefusedWithItsTypesReason(String type, String pair, Reason reason) {
        FhirGuardException e = refusal(STRICT, type, query(pair));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).location()).hasValue("parameter[0] "
                + pair.substring(0, pair.indexOf('=')));
    }
}
