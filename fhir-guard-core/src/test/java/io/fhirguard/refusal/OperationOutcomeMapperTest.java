package io.fhirguard.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationOutcomeMapperTest {
    private static FhirContext fhir;
    private static OperationOutcomeMapper mapper;

    @BeforeAll
    static void context() {
        fhir = FhirContext.forR4Cached();
        mapper = OperationOutcomeMapper.create(fhir);
    }

    @Test
    void jsonRenderingParsesBackWithReasonSeverityCodeAndDiagnostics() {
        FhirGuardException refusal = FhirGuardException.of(Reason.REQUEST_DOT_SEGMENT,
                "The path holds a '..' segment.");

        String json = mapper.render(refusal, OutcomeFormat.JSON);
        OperationOutcome parsed = fhir.newJsonParser()
                .parseResource(OperationOutcome.class, json);

        assertThat(parsed.getIssue()).hasSize(1);
        OperationOutcomeIssueComponent issue = parsed.getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
        assertThat(issue.getCode().toCode()).isEqualTo("invalid");
        assertThat(issue.getDetails().getCodingFirstRep().getSystem())
                .isEqualTo(OperationOutcomeMapper.REASON_SYSTEM);
        assertThat(issue.getDetails().getCodingFirstRep().getCode())
                .isEqualTo("request-dot-segment");
        assertThat(issue.getDiagnostics()).isEqualTo("The path holds a '..' segment.");
    }

    @Test
    void xmlRenderingParsesBackWithEveryProblemAndItsLocation() {
        FhirGuardException refusal = FhirGuardException
                .builder(Reason.REQUEST_INVALID_ID, "2 problems in the request.")
                .problems(List.of(
                        Problem.error(Reason.REQUEST_INVALID_ID, "Bad id.", "path[1]"),
                        Problem.error(Reason.REQUEST_CONTROL_CHARACTER, "NUL in value.",
                                "parameter[0] name")))
                .build();

        String xml = mapper.render(refusal, OutcomeFormat.XML);
        OperationOutcome parsed = fhir.newXmlParser().parseResource(OperationOutcome.class, xml);

        assertThat(parsed.getIssue()).hasSize(2);
        assertThat(parsed.getIssue().get(0).getExpression().get(0).getValue())
                .isEqualTo("path[1]");
        assertThat(parsed.getIssue().get(1).getDetails().getCodingFirstRep().getCode())
                .isEqualTo("request-control-character");
        assertThat(parsed.getIssue().get(1).getExpression().get(0).getValue())
                .isEqualTo("parameter[0] name");
    }

    @Test
    void warningsRenderWithWarningSeverity() {
        OperationOutcome outcome = mapper.toOperationOutcome(List.of(Problem.warning(
                Reason.REQUEST_QUERY_TOO_LONG, "Clamped.", null)));

        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.WARNING);
        assertThat(outcome.getIssueFirstRep().getExpression()).isEmpty();
    }
}
