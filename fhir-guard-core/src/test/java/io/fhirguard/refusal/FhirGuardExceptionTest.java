package io.fhirguard.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FhirGuardExceptionTest {

    @Test
    void statusIssueTypeAndBearerErrorComeFromTheReason() {
        FhirGuardException e = FhirGuardException.of(Reason.REQUEST_BODY_TOO_LARGE, "Too big.");

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.issueType()).isEqualTo(IssueType.TOO_LONG);
        assertThat(e.bearerError()).isEmpty();
        assertThat(e.problems()).containsExactly(
                Problem.error(Reason.REQUEST_BODY_TOO_LARGE, "Too big."));
        assertThat(e.getMessage()).isEqualTo("request-body-too-large: Too big.");
    }

    @Test
    void requiredScopeWithAQuoteIsRefusedAtCreation() {
        assertThatThrownBy(() -> FhirGuardException.builder(Reason.INTERNAL_ERROR, "x")
                .requiredScope("patient/\"Observation.rs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredScope: character at index 8 is outside the RFC 6750"
                        + " section 3 character set");
    }

    @Test
    void retryAfterAndScopeAreKept() {
        FhirGuardException e = FhirGuardException.builder(Reason.INTERNAL_ERROR, "x")
                .requiredScope("patient/Observation.rs")
                .retryAfter(Duration.ofSeconds(3))
                .build();

        assertThat(e.requiredScope()).contains("patient/Observation.rs");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void formatParameterWinsOverAcceptAndUnknownGivesJson() {
        assertThat(OutcomeFormat.choose("xml", "application/fhir+json"))
                .isEqualTo(OutcomeFormat.XML);
        assertThat(OutcomeFormat.choose(null, "application/fhir+xml;q=0.9"))
                .isEqualTo(OutcomeFormat.XML);
        assertThat(OutcomeFormat.choose(null, "application/fhir+json, application/fhir+xml"))
                .isEqualTo(OutcomeFormat.JSON);
        assertThat(OutcomeFormat.choose("text/html", "image/png")).isEqualTo(OutcomeFormat.JSON);
    }
}
