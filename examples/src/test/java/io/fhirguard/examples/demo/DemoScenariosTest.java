package io.fhirguard.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.audit.AuditLogVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the demo's scenarios once over real HTTP (secured HAPI server, embedded authorization
 * server, patient app) and checks each outcome on its own, not through the demo's verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoScenariosTest {
    private Demo demo;
    private Map<String, ScenarioResult> results;

    @BeforeAll
    void runDemo() throws Exception {
        Path audit = Files.createTempFile("demo-test-audit-", ".jsonl");
        demo = Demo.start(audit);
        List<ScenarioResult> rows = demo.runScenarios();
        results = rows.stream().collect(Collectors.toMap(ScenarioResult::scenario,
                Function.identity()));
    }

    @AfterAll
    void stop() {
        demo.close();
    }

    @Test
    void backendPrivateKeyJwtSearchReturnsTenLabResults() {
        ScenarioResult r = results.get("backend search (private_key_jwt)");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isEqualTo(10);
    }

    @Test
    void backendSearchByLoincCodeFindsBodyWeights() {
        ScenarioResult r = results.get("backend search by LOINC code");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isPositive();
    }

    @Test
    void patientLoggedInThroughTheAppSeesOwnObservations() {
        ScenarioResult r = results.get("patient login in the app (code + PKCE)");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isPositive();
    }

    @Test
    void patientsOwnSearchSucceeds() {
        ScenarioResult r = results.get("patient's own search");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isPositive();
    }

    @Test
    void otherPatientsDataByPatientParameterIsRefusedOrEmpty() {
        assertRefusedOrNoneOfB(results.get("other patient's data by patient="));
    }

    @Test
    void otherPatientsCompartmentIsRefusedOrEmpty() {
        assertRefusedOrNoneOfB(results.get("other patient's compartment"));
    }

    @Test
    void otherPatientsObservationByIdIsRefusedOrEmpty() {
        assertRefusedOrNoneOfB(results.get("other patient's Observation by id"));
    }

    @Test
    void includeThatWouldLeakAnotherPatientReturnsNoneOfTheirResources() {
        ScenarioResult r = results.get("_include reaching another patient");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isZero();
        assertThat(r.note()).endsWith("without fhir-guard returns 1");
    }

    @Test
    void injectedSearchParameterIs400() {
        assertThat(results.get("injected search parameter").actualStatus()).isEqualTo(400);
    }

    @Test
    void missingTokenIs401() {
        assertThat(results.get("no token").actualStatus()).isEqualTo(401);
    }

    @Test
    void forgedTokenIs401InvalidToken() {
        ScenarioResult r = results.get("forged token (attacker's key)");

        assertThat(r.actualStatus()).isEqualTo(401);
        assertThat(r.note()).contains("error=invalid_token");
    }

    @Test
    void expiredTokenIs401InvalidToken() {
        ScenarioResult r = results.get("expired token");

        assertThat(r.actualStatus()).isEqualTo(401);
        assertThat(r.note()).contains("error=invalid_token");
    }

    @Test
    void revokedTokenWorkedBeforeAndIs401After() {
        ScenarioResult r = results.get("revoked token");

        assertThat(r.actualStatus()).isEqualTo(401);
        assertThat(r.note()).startsWith("before revocation: 200");
    }

    @Test
    void burstPastTheRateLimitGets429WithRetryAfterAfterTheLimit() {
        ScenarioResult r = results.values().stream()
                .filter(x -> x.scenario().startsWith("burst")).findFirst().orElseThrow();

        assertThat(r.actualStatus()).isEqualTo(429);
        assertThat(r.results()).isEqualTo(Demo.RATE_LIMIT);
        assertThat(r.note()).containsPattern("Retry-After: \\d+ s");
    }

    @Test
    void everyScenarioPassesByTheDemosOwnVerdict() {
        assertThat(results.values()).hasSize(17).allSatisfy(r ->
                assertThat(r.passed()).as(r.scenario() + ": " + r.note()).isTrue());
    }

    @Test
    void gatewayPassesTheOwnSearchWithItsOwnAddressInTheLinks() {
        ScenarioResult r = results.get("gateway: own search");

        assertThat(r.actualStatus()).isEqualTo(200);
        assertThat(r.results()).isPositive();
        assertThat(r.note()).isEqualTo("links and fullUrls name the gateway, not the upstream");
    }

    @Test
    void gatewayLetsNoneOfTheOtherPatientsDataThrough() {
        assertRefusedOrNoneOfB(results.get("gateway: other patient's data"));
        assertRefusedOrNoneOfB(results.get("gateway: _include reaching B"));
    }

    @Test
    void gatewayAuditLogIsSeparateAndIntact() {
        AuditLogVerifier.Result audit = demo.gatewayAudit();

        assertThat(audit.isIntact()).isTrue();
        assertThat(audit.records()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void auditLogHoldsEventsWithAnIntactHashChain() {
        AuditLogVerifier.Result audit = demo.audit();

        assertThat(audit.isIntact()).isTrue();
        assertThat(audit.records()).isGreaterThanOrEqualTo(results.size());
    }

    @Test
    void tableNeverPrintsAPatientId() {
        assertThat(results.values()).allSatisfy(r -> assertThat(r.request())
                .doesNotContain(Demo.PATIENT_A).doesNotContain(Demo.PATIENT_B));
    }

    private static void assertRefusedOrNoneOfB(ScenarioResult r) {
        assertThat(r.actualStatus()).isIn(200, 403, 404);
        assertThat(r.results()).as("resources of patient B returned").isZero();
    }
}
