package io.fhirguard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuredTargetTest {
    @Test
    void securedTargetServesTheFullSearchWithTheTokenAndRefusesItWithout() throws Exception {
        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, 2, 5);
        List<LoadRun.Target> targets = Secured.start(context, population);
        try (LoadRun.Target secured = targets.get(0)) {
            assertThatCode(() -> LoadRun.check(context, secured, population))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void securedTargetRefusesAnotherPatientsSearch() throws Exception {
        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, 2, 5);
        String mine = population.patientIds().get(0);
        String theirs = population.patientIds().get(1);
        List<LoadRun.Target> targets = Secured.start(context, population);
        try (LoadRun.Target secured = targets.get(0)) {
            HttpRequest request = HttpRequest.newBuilder(secured.base().resolve(
                            LoadRun.Scenario.SEARCH.path.apply(theirs)))
                    .header("Authorization", secured.authorization(mine).orElseThrow())
                    .build();

            int status = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();

            assertThat(status).isEqualTo(403);
        }
    }
}
