package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static io.fhirguard.servlet.support.SyntheaData.REYNA;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import io.fhirguard.servlet.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fhir-guard writes to logs and the audit trail, and what it never writes. */
class AuditAndLogTest {

    @Test
    void noTokenTextAppearsInLogsOrAudit() throws Exception {
        try (LogCapture logs = new LogCapture(); GuardedFhir stack = GuardedFhir.start()) {
            String valid = stack.patientToken(FABIAN);
            String expired = stack.auth().token("x").patient(FABIAN).scope("patient/Patient.rs")
                    .lifetime(-600).issue();
            String forged = valid.substring(0, valid.length() - 4) + "AAAA";
            List<Http.Response> responses = new ArrayList<>();
            responses.add(Http.get(stack.url("Patient/" + FABIAN)).bearer(valid).send());
            responses.add(Http.get(stack.url("Observation?patient=" + REYNA)).bearer(valid)
                    .send());
            responses.add(Http.get(stack.url("Patient/" + FABIAN)).bearer(expired).send());
            responses.add(Http.get(stack.url("Patient/" + FABIAN)).bearer(forged).send());
            responses.add(Http.get(stack.url("Patient/" + FABIAN + "?access_token=" + valid))
                    .bearer(valid).send());
            responses.forEach(stack::auditLineOf);

            String everything = logs.text() + String.join("\n", stack.auditLines());
            for (String token : List.of(valid, expired, forged)) {
                String[] parts = token.split("\\.");
                assertThat(everything).doesNotContain(token).doesNotContain(parts[1])
                        .doesNotContain(parts[2]);
            }
            assertThat(everything).doesNotContain("Bearer " + valid.substring(0, 10));
            assertThat(logs.text()).contains("fhirguard.audit");
            assertThat(logs.text().lines().filter(l -> l.contains(" io.fhirguard.")))
                    .isNotEmpty().noneMatch(l -> l.contains(FABIAN) || l.contains(REYNA));
        }
    }

    @Test
    void everyRequestGetsExactlyOneAuditEvent() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start()) {
            String token = stack.patientToken(FABIAN);
            List<Http.Response> responses = List.of(
                    Http.get(stack.url("metadata")).send(),
                    Http.get(stack.url("Patient/" + FABIAN)).send(),
                    Http.get(stack.url("Patient/" + FABIAN)).bearer(token).send(),
                    Http.get(stack.url("Observation?patient=" + REYNA)).bearer(token).send(),
                    Http.get(stack.url("Observation?category=laboratory")).bearer(token).send());

            for (Http.Response r : responses) {
                String id = r.header("X-Request-Id").orElseThrow();
                stack.audit().await(id);
                assertThat(stack.audit().count(id)).as("events of request " + id).isEqualTo(1);
            }
            assertThat(stack.auditLines()).hasSize(responses.size());
        }
    }

    @Test
    void deniedRequestIsAuditedWithReasonAndAgent() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start()) {
            Http.Response r = Http.get(stack.url("Observation?patient=" + REYNA))
                    .bearer(stack.patientToken(FABIAN)).send();

            String line = stack.auditLineOf(r);

            assertThat(line).contains("\"decision\":\"deny\"").contains("\"status\":403")
                    .contains("\"reason\":\"authz-compartment-escape\"")
                    .contains("\"subject\":\"user-b4a36fff\"").contains("\"jti\":")
                    .contains("\"queryParameterNames\":[\"patient\"]")
                    .doesNotContain(REYNA);
        }
    }

    @Test
    void auditAgentCarriesTheCredentialsSha256WhetherItWasAcceptedOrRefused() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start()) {
            String valid = stack.patientToken(FABIAN);
            String forged = valid.substring(0, valid.length() - 4) + "AAAA";

            String accepted = stack.auditLineOf(Http.get(stack.url("Patient/" + FABIAN))
                    .bearer(valid).send());
            String refused = stack.auditLineOf(Http.get(stack.url("Patient/" + FABIAN))
                    .bearer(forged).send());

            assertThat(accepted).contains("\"tokenFingerprint\":\"" + sha256(valid) + "\"");
            assertThat(refused).contains("\"decision\":\"deny\"")
                    .contains("\"tokenFingerprint\":\"" + sha256(forged) + "\"");
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
