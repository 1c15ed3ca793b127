package io.fhirguard.audit;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small factories for audit tests. */
final class AuditFixtures {
    static final Instant NOON = Instant.parse("2026-01-15T12:00:00Z");
    static final String FINGERPRINT = "0123456789abcdef".repeat(4);

    private AuditFixtures() {
    }

    static AccessToken token() {
        return AccessToken.builder(CredentialKind.JWT, FINGERPRINT)
                .issuer("https://idp.example")
                .subject("user-7")
                .clientId("chart-app")
                .fhirUser("Practitioner/42")
                .jti("jti-1")
                .patient("123")
                .build();
    }

    static FhirRequest search() {
        return FhirRequest.builder("GET", Interaction.SEARCH_TYPE)
                .resourceType("Observation")
                .parameters(QueryParameters.of(List.of(
                        new QueryParameter("patient", "Patient/123"),
                        new QueryParameter("code:text", "glucose"),
                        new QueryParameter("patient", "Patient/124"))))
                .build();
    }

    static AuditEvent permittedSearch() {
        return AuditEvent.builder(NOON, AuditDecision.PERMIT)
                .id("ev-1")
                .request(search(), QueryValuePolicy.NAMES_ONLY)
                .agent(AuditAgent.of(token()))
                .sourceAddress("192.0.2.10")
                .userAgent("chart-app/2.1")
                .requestId("req-77")
                .patient("Patient/123")
                .httpStatus(200)
                .latency(Duration.ofMillis(42))
                .entriesRemoved(2)
                .build();
    }

    static AuditEvent deniedRead(String id) {
        return AuditEvent.builder(NOON, AuditDecision.DENY)
                .id(id)
                .interaction(Interaction.READ)
                .resource("Patient", "999")
                .agent(AuditAgent.of(token()))
                .reason(Reason.RATE_LIMITED)
                .httpStatus(429)
                .build();
    }
}
