package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.servlet.support.FhirTestServer;
import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import io.fhirguard.servlet.support.LogCapture;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outages, internal failures and bad configuration never let a request through. */
class FailClosedTest {

    @Test
    void keyServerDownGets503WithRetryAfter() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI deadJwks = URI.create("http://127.0.0.1:" + closedPort + "/jwks");
        try (GuardedFhir stack = GuardedFhir.start(s -> s.jwksUri(deadJwks), f -> { },
                List.of())) {
            Http.Response r = Http.get(stack.url("Patient/" + FABIAN))
                    .bearer(stack.patientToken(FABIAN)).send();

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isPresent();
            assertThat(r.body()).contains("token-key-server-unavailable")
                    .contains("\"code\":\"transient\"");
            assertThat(stack.fhir().received().all()).isEmpty();
        }
    }

    @Test
    void unexpectedFailureInsideTheFilterGets500WithoutInternals() throws Exception {
        try (LogCapture logs = new LogCapture();
                GuardedFhir stack = GuardedFhir.start(s -> s, f -> f.tokenValidator(c -> {
                    throw new IllegalStateException("secret internal detail");
                }), List.of())) {
            Http.Response r = Http.get(stack.url("Patient/" + FABIAN)).bearer("abc").send();

            String id = r.header("X-Request-Id").orElseThrow();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.body()).contains("OperationOutcome").contains("internal-error")
                    .contains(id).doesNotContain("IllegalStateException")
                    .doesNotContain("secret internal detail").doesNotContain("at io.");
            stack.audit().await(id);
            assertThat(logs.text()).contains("request " + id + " failed inside fhir-guard");
            assertThat(stack.fhir().received().all()).isEmpty();
        }
    }

    @Test
    void filterWithInvalidInitParametersNeverServes() throws Exception {
        FhirGuardFilter filter = new FhirGuardFilter();
        FhirTestServer server = null;
        try {
            server = FhirTestServer.start(filter, Map.of("issuer", "ftp://nowhere",
                    "clockSkew", "PT1H"), List.of());
        } catch (Exception startFailed) {
            assertThat(startFailed).hasStackTraceContaining("issuer")
                    .hasStackTraceContaining("clockSkew");
            return;
        }
        try {
            Http.Response r = Http.get(URI.create(server.base() + "/metadata")).send();

            assertThat(r.status()).isEqualTo(503);
            assertThat(server.received().all()).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void filterWithoutARunningPipelineAnswers503AndPassesNothing() throws Exception {
        try (io.fhirguard.servlet.support.AuthorizationServer auth =
                new io.fhirguard.servlet.support.AuthorizationServer()) {
            FhirGuardFilter filter = FhirGuardFilter.builder().settings(FhirGuardSettings
                    .builder().issuer(auth.issuer()).audience("https://fhir.example.test")
                    .build()).build();
            try (FhirTestServer server = FhirTestServer.start(filter, Map.of(), List.of())) {
                filter.destroy();

                Http.Response r = Http.get(URI.create(server.base() + "/metadata")).send();

                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isPresent();
                assertThat(r.body()).contains("guard-not-ready");
                assertThat(server.received().all()).isEmpty();
            }
        }
    }

    @Test
    void initListsEveryProblemOfTheInitParameters() {
        FhirGuardFilter filter = new FhirGuardFilter();

        assertThatThrownBy(() -> filter.init(new SimpleFilterConfig(Map.of(
                "issuer", "ftp://nowhere", "clockSkew", "PT1H", "maxResponseBufferBytes", "lots"))))
                .isInstanceOf(jakarta.servlet.ServletException.class)
                .hasMessageContaining("maxResponseBufferBytes")
                .satisfies(e -> assertThat(e.getMessage()).contains("'lots' is not a size"));
    }
}
