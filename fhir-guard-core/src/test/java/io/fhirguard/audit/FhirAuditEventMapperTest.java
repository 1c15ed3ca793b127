package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;

class FhirAuditEventMapperTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final FhirAuditEventMapper MAPPER =
            FhirAuditEventMapper.of("fhir-guard@ehr-1");

    private static org.hl7.fhir.r4.model.AuditEvent roundTrip(AuditEvent event) {
        String json = R4.newJsonParser().encodeResourceToString(MAPPER.toFhir(event));
        return R4.newJsonParser().parseResource(org.hl7.fhir.r4.model.AuditEvent.class, json);
    }

    private static AuditEventAgentComponent agentOfType(org.hl7.fhir.r4.model.AuditEvent fhir,
            String code) {
        return fhir.getAgent().stream()
                .filter(a -> a.getType().getCodingFirstRep().getCode().equals(code))
                .findFirst().orElseThrow();
    }

    private static AuditEventEntityComponent entityWithRole(
            org.hl7.fhir.r4.model.AuditEvent fhir, String role) {
        return fhir.getEntity().stream().filter(e -> e.getRole().getCode().equals(role))
                .findFirst().orElseThrow();
    }

    @Test
    void searchMapsToBalpRestQueryWithTypeSubtypeActionAndOutcome() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.permittedSearch());

        assertThat(fhir.getType().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
        assertThat(fhir.getType().getCode()).isEqualTo("rest");
        assertThat(fhir.getSubtypeFirstRep().getSystem())
                .isEqualTo("http://hl7.org/fhir/restful-interaction");
        assertThat(fhir.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(fhir.getAction().toCode()).isEqualTo("E");
        assertThat(fhir.getOutcome().toCode()).isEqualTo("0");
        assertThat(fhir.getRecorded().toInstant()).isEqualTo(AuditFixtures.NOON);
        assertThat(fhir.getMeta().getProfile()).singleElement().satisfies(p -> assertThat(
                p.getValue()).endsWith("IHE.BasicAudit.PatientQuery"));
    }

    @Test
    void userAgentIsTheRequestorWithFhirUserSubjectAndJtiAsPolicy() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.permittedSearch());

        AuditEventAgentComponent user = agentOfType(fhir, "IRCP");

        assertThat(user.getRequestor()).isTrue();
        assertThat(user.getWho().getReference()).isEqualTo("Practitioner/42");
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("user-7");
        assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo("https://idp.example");
        assertThat(user.getPolicy()).singleElement().satisfies(p ->
                assertThat(p.getValue()).isEqualTo("jti-1"));
    }

    @Test
    void clientAndServerAgentsCarryRoleIdsAndTheNetworkAddress() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.permittedSearch());

        AuditEventAgentComponent client = agentOfType(fhir, "110153");
        AuditEventAgentComponent server = agentOfType(fhir, "110152");

        assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("chart-app");
        assertThat(client.getNetwork().getAddress()).isEqualTo("192.0.2.10");
        assertThat(client.getNetwork().getType().toCode()).isEqualTo("2");
        assertThat(server.getWho().getDisplay()).isEqualTo("fhir-guard@ehr-1");
        assertThat(fhir.getSource().getObserver().getDisplay()).isEqualTo("fhir-guard@ehr-1");
        assertThat(fhir.getSource().getTypeFirstRep().getCode()).isEqualTo("4");
    }

    @Test
    void patientAndQueryEntitiesFollowBalpWithParameterNamesOnly() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.permittedSearch());

        AuditEventEntityComponent patient = entityWithRole(fhir, "1");
        AuditEventEntityComponent query = entityWithRole(fhir, "24");

        assertThat(patient.getWhat().getReference()).isEqualTo("Patient/123");
        assertThat(patient.getType().getCode()).isEqualTo("1");
        assertThat(query.getType().getCode()).isEqualTo("2");
        assertThat(new String(query.getQuery(), StandardCharsets.UTF_8))
                .isEqualTo("Observation?patient&code:text");
    }

    @Test
    void denialHasMinorFailureReasonCodeAndNoProfileClaim() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.deniedRead("d-1"));

        assertThat(fhir.getOutcome().toCode()).isEqualTo("4");
        assertThat(fhir.getOutcomeDesc()).isEqualTo("deny rate-limited");
        assertThat(fhir.getMeta().getProfile()).isEmpty();
        assertThat(entityWithRole(fhir, "4").getWhat().getReference()).isEqualTo("Patient/999");
    }

    @Test
    void requestEntityCarriesRequestIdStatusAndLatency() {
        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(AuditFixtures.permittedSearch());

        AuditEventEntityComponent request = fhir.getEntity().stream()
                .filter(e -> e.getType().getCode().equals("XrequestId")).findFirst().orElseThrow();

        assertThat(request.getWhat().getIdentifier().getValue()).isEqualTo("req-77");
        assertThat(request.getDetail()).extracting(d -> d.getType() + "=" + d.getValue()
                .primitiveValue()).containsAll(List.of("http-status=200", "latency-ms=42",
                        "user-agent=chart-app/2.1", "entries-removed=2"));
    }

    @Test
    void anonymousRequestMakesTheClientAgentTheRequestor() {
        AuditEvent event = AuditEvent.builder(AuditFixtures.NOON, AuditDecision.DENY)
                .reason(io.fhirguard.refusal.Reason.RATE_LIMITED_UNAUTHENTICATED)
                .sourceAddress("198.51.100.3").build();

        org.hl7.fhir.r4.model.AuditEvent fhir = roundTrip(event);

        assertThat(fhir.getAgent()).hasSize(2);
        assertThat(agentOfType(fhir, "110153").getRequestor()).isTrue();
    }
}
