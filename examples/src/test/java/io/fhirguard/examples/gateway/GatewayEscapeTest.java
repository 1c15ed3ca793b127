package io.fhirguard.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.demo.Demo;
import io.fhirguard.examples.demo.DemoHttp;
import io.fhirguard.examples.demo.DemoTokens;
import io.fhirguard.examples.demo.Exchange;
import io.fhirguard.examples.fhir.ExampleFhirServer;
import io.fhirguard.examples.fhir.SyntheaLoader;
import io.fhirguard.examples.server.LocalServer;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The escape table through the gateway: a plain, unsecured HAPI server is the upstream; a
 * patient-context token for patient A must not reach any of patient B's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEscapeTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final DemoHttp http = DemoHttp.api();
    private LocalServer upstream;
    private GatewayServer gateway;
    private String patientToken;

    @BeforeAll
    void start() throws Exception {
        upstream = LocalServer.start(0, context -> context.addServlet(new ServletHolder(
                new ExampleFhirServer(FHIR, SyntheaLoader.create(FHIR, Clock.systemUTC())
                        .loadBundled())), "/fhir/*"));
        gateway = GatewayServer.start(ExampleSettings.from(Map.of(
                ExampleSettings.PORT, "0",
                ExampleSettings.UPSTREAM, upstream.uri("/fhir").toString(),
                ExampleSettings.AUDIT_FILE,
                Files.createTempFile("gateway-test-audit-", ".jsonl").toString())),
                UpstreamCredential.NONE);
        patientToken = new DemoTokens(http, gateway.authorizationServer().orElseThrow())
                .patientToken(gateway.fhirBase(), Demo.PATIENT_A);
    }

    @AfterAll
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void ownSearchPassesWithLinksPointingAtTheGateway() {
        Exchange e = get("Observation?patient=" + Demo.PATIENT_A + "&_count=5");

        assertThat(e.status()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, e.body());
        assertThat(bundle.getEntry()).isNotEmpty();
        assertThat(bundle.getLink()).allSatisfy(l ->
                assertThat(l.getUrl()).startsWith(gateway.fhirBase().toString()));
        assertThat(e.body()).doesNotContain(upstream.uri("/fhir").toString());
    }

    @Test
    void otherPatientByPatientParameterReturnsNoneOfB() {
        assertNoneOfB(get("Observation?patient=" + Demo.PATIENT_B));
    }

    @Test
    void otherPatientsCompartmentReturnsNoneOfB() {
        assertNoneOfB(get("Patient/" + Demo.PATIENT_B + "/Observation"));
    }

    @Test
    void includeReachingAnotherPatientReturnsNoneOfB() {
        Exchange e = get("Observation?_id=" + Demo.LINK_OBSERVATION
                + "&_include=Observation:has-member:Observation");

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.belongingTo(FHIR, Demo.PATIENT_B)).isZero();
    }

    @Test
    void readByIdOfAnotherPatientsObservationReturnsNoneOfB() {
        assertNoneOfB(get("Observation/" + Demo.OBSERVATION_OF_B));
    }

    @Test
    void requestWithoutTokenNeverReachesTheUpstream() {
        Exchange e = http.get(URI.create(gateway.fhirBase() + "/Observation?patient="
                + Demo.PATIENT_A), null);

        assertThat(e.status()).isEqualTo(401);
    }

    private Exchange get(String query) {
        return http.get(URI.create(gateway.fhirBase() + "/" + query), patientToken);
    }

    private static void assertNoneOfB(Exchange e) {
        assertThat(e.status()).isIn(200, 403, 404);
        assertThat(e.belongingTo(FHIR, Demo.PATIENT_B)).as(e.body()).isZero();
    }
}
