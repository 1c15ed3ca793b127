package io.fhirguard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private static LoadGenerator.Settings settings(long maxRequests) {
        return new LoadGenerator.Settings(2, Duration.ZERO, Duration.ofSeconds(30), maxRequests);
    }

    @Test
    void refusesATargetOtherThanLoopback() {
        HttpRequest elsewhere = HttpRequest.newBuilder(URI.create("http://192.0.2.1/fhir/Patient"))
                .build();

        assertThatThrownBy(() -> new LoadGenerator().run(List.of(elsewhere), 200, settings(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only 127.0.0.1 is a load target, got host 192.0.2.1");
    }

    @Test
    void stopsAtTheRequestBoundAndTimesEveryAnsweredRequest() throws Exception {
        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, 2, 3);
        try (LoopbackJetty jetty = LoopbackJetty.start(new BenchFhirServer(context, population),
                null, 8)) {
            HttpRequest read = HttpRequest.newBuilder(
                    jetty.base().resolve("Patient/" + population.patientIds().get(0))).build();

            LoadGenerator.Result result = new LoadGenerator().run(List.of(read), 200, settings(25));

            assertThat(result.requests()).isEqualTo(25);
            assertThat(result.errors()).isZero();
            assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50()).isPositive();
        }
    }

    @Test
    void countsAnUnexpectedStatusAsAnError() throws Exception {
        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, 1, 1);
        try (LoopbackJetty jetty = LoopbackJetty.start(new BenchFhirServer(context, population),
                null, 8)) {
            HttpRequest missing = HttpRequest.newBuilder(jetty.base().resolve("Patient/nobody"))
                    .build();

            LoadGenerator.Result result =
                    new LoadGenerator().run(List.of(missing), 200, settings(5));

            assertThat(result.requests()).isZero();
            assertThat(result.errors()).isEqualTo(5);
        }
    }
}
