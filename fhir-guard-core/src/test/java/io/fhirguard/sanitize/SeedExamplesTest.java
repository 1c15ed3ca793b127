package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.passesUnchanged;

import org.junit.jupiter.api.Test;

class SeedExamplesTest {

    @Test
    void seedObservationSearchPassesUnchanged() {
        passesUnchanged("Observation", "patient=123", "category=laboratory",
                "code=http://loinc.org|29463-7", "date=ge2025-03-01", "date=le2025-03-08",
                "_count=10");
    }

    @Test
    void eachSeedParameterAlonePassesUnchanged() {
        passesUnchanged("Observation", "patient=123");
        passesUnchanged("Observation", "category=laboratory");
        passesUnchanged("Observation", "code=http://loinc.org|29463-7");
        passesUnchanged("Observation", "date=ge2025-03-01", "date=le2025-03-08");
        passesUnchanged("Observation", "_count=10");
    }
}
