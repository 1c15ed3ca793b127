package io.fhirguard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class BenchFhirServerTest {
    @Test
    void compartmentSearchReturnsOnlyThatPatientsLaboratoryObservations() throws Exception {
        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, 3, 20);
        String patient = population.patientIds().get(1);
        try (LoopbackJetty jetty = LoopbackJetty.start(new BenchFhirServer(context, population),
                null, 8)) {
            HttpRequest search = HttpRequest.newBuilder(jetty.base().resolve(
                    LoadRun.Scenario.SEARCH.path.apply(patient))).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(search,
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            Bundle bundle = context.newJsonParser().parseResource(Bundle.class, response.body());
            assertThat(bundle.getEntry()).hasSize(20).allSatisfy(e ->
                    assertThat(((Observation) e.getResource()).getSubject().getReference())
                            .isEqualTo("Patient/" + patient));
        }
    }
}
