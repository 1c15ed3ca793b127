package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class RefusalRenderingTest {

    @Test
    void refusalBecomesOneOperationOutcomeIssuePerProblemWithItsLocation() {
        FhirGuardException e = refusal(STRICT, "Observation",
                query("date=2025-13-01", "patient=Patient/p-77'--", "_count=9000"));

        OperationOutcome outcome = OperationOutcomeMapper.create(FhirContext.forR4Cached())
                .toOperationOutcome(e);

        assertThat(outcome.getIssue()).hasSize(3);
        assertThat(outcome.getIssue()).extracting(i -> i.getSeverity().toCode())
                .containsExactly("error", "error", "warning");
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly("parameter[0] date", "parameter[1] patient",
                        "parameter[2] _count");
        assertThat(outcome.getIssue()).extracting(i -> i.getDetails().getCodingFirstRep()
                .getCode()).containsExactly("param-invalid-date", "param-invalid-reference",
                        "param-count-clamped");
        assertThat(OperationOutcomeMapper.create(FhirContext.forR4Cached())
                .render(e, io.fhirguard.refusal.OutcomeFormat.JSON)).doesNotContain("p-77");
    }
}
