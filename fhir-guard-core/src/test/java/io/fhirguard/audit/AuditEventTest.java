package io.fhirguard.audit;

import static io.fhirguard.audit.AuditFixtures.NOON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void queryParameterNamesAreKeptWithoutValuesByDefault() {
        AuditEvent event = AuditFixtures.permittedSearch();

        assertThat(event.queryParameterNames()).containsExactly("patient", "code:text");
        assertThat(event.queryParameters()).isEmpty();
    }

    @Test
    void queryValuesAreKeptOnlyUnderTheExplicitPolicy() {
        AuditEvent event = AuditEvent.builder(NOON, AuditDecision.PERMIT)
                .request(AuditFixtures.search(), QueryValuePolicy.NAMES_AND_VALUES).build();

        assertThat(event.queryParameters()).contains(new QueryParameter("code:text", "glucose"));
    }

    @Test
    void actionIsDerivedFromTheInteractionAsBalpDoes() {
        assertThat(AuditFixtures.permittedSearch().action()).isEqualTo(AuditAction.EXECUTE);
        assertThat(AuditFixtures.deniedRead("d").action()).isEqualTo(AuditAction.READ);
        assertThat(AuditAction.of(Interaction.PATCH)).isEqualTo(AuditAction.UPDATE);
        assertThat(AuditAction.of(Interaction.CREATE)).isEqualTo(AuditAction.CREATE);
    }

    @Test
    void outcomeIsDerivedFromTheHttpStatus() {
        assertThat(AuditFixtures.permittedSearch().outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(AuditFixtures.deniedRead("d").outcome()).isEqualTo(AuditOutcome.MINOR_FAILURE);
    }

    @Test
    void agentKeepsIdentifiersAndFingerprintButNoPatientOrToken() {
        AuditAgent agent = AuditFixtures.permittedSearch().agent();

        assertThat(agent.subject()).contains("user-7");
        assertThat(agent.clientId()).contains("chart-app");
        assertThat(agent.fhirUser()).contains("Practitioner/42");
        assertThat(agent.jti()).contains("jti-1");
        assertThat(agent.tokenFingerprint()).contains(AuditFixtures.FINGERPRINT);
    }

    @Test
    void rejectedCredentialAgentRefusesAnythingButAFingerprint() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditAgent.ofRejectedCredential("eyJhbGciOiJSUzI1NiJ9.e30.sig"))
                .withMessage("fingerprint: must be 64 lower-case hex characters (a SHA-256)");
    }

    @Test
    void userAgentCarryingABearerTokenIsScrubbed() {
        AuditEvent event = AuditEvent.builder(NOON, AuditDecision.PERMIT)
                .userAgent("curl/8 Authorization: Bearer abc.def-ghi")
                .requestId("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .build();

        assertThat(event.userAgent()).contains("curl/8 Authorization: [redacted]");
        assertThat(event.requestId()).contains("[redacted]");
    }

    @Test
    void controlCharactersInAUserAgentBecomeQuestionMarks() {
        AuditEvent event = AuditEvent.builder(NOON, AuditDecision.PERMIT)
                .userAgent("a\u0000b\tc\r\nd\u001fe\u007ff\u00e9\u0080")
                .build();

        assertThat(event.userAgent()).contains("a?b?c??d?e?f\u00e9\u0080");
    }

    @Test
    void toStringMasksPatientAndResourceId() {
        String text = AuditFixtures.deniedRead("d1").toString() + AuditFixtures.permittedSearch();

        assertThat(text).doesNotContain("999").doesNotContain("Patient/123")
                .doesNotContain(AuditFixtures.FINGERPRINT).contains("patient=***");
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        AuditEvent.Builder builder = AuditEvent.builder(NOON, AuditDecision.DENY)
                .id("has space").httpStatus(42).latency(Duration.ofMillis(-1))
                .entriesRemoved(-3);

        assertThatIllegalArgumentException().isThrownBy(builder::build)
                .withMessage("invalid audit event:\n"
                        + "- id: must be 1 to 64 characters of [A-Za-z0-9._-], was 'has space'\n"
                        + "- reason: a denial must carry a reason code\n"
                        + "- httpStatus: must be 100 to 599, was 42\n"
                        + "- latency: must not be negative, was PT-0.001S\n"
                        + "- entriesRemoved: must not be negative, was -3");
    }
}
