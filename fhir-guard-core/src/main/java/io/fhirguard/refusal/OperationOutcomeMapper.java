package io.fhirguard.refusal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Turns refusals and warnings into FHIR R4 {@code OperationOutcome} resources, and renders them
 * as JSON or XML.
 *
 * <p>Each {@link Problem} becomes one issue: severity and code from the problem, the reason code
 * as {@code details.coding} (system {@value #REASON_SYSTEM}), the description as
 * {@code diagnostics}, and the location, when present, as {@code expression}. Nothing else is
 * written: no stack trace, class name, token or request content.
 *
 * <p>Thread-safe once built; creating a {@link FhirContext} is costly, so share one mapper.
 *
 * @since 1.0
 */
public final class OperationOutcomeMapper {
    /** The code system of fhir-guard reason codes in {@code issue.details.coding.system}. */
    public static final String REASON_SYSTEM = "https://fhirguard.io/reason";

    private final FhirContext context;

    private OperationOutcomeMapper(FhirContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Creates a mapper on the given FHIR R4 context.
     *
     * @param context an R4 context; other FHIR versions are refused
     * @return the mapper
     * @throws IllegalArgumentException when the context is not FHIR R4
     */
    public static OperationOutcomeMapper create(FhirContext context) {
        if (context.getVersion().getVersion() != ca.uhn.fhir.context.FhirVersionEnum.R4) {
            throw new IllegalArgumentException("context: only FHIR R4 is supported, got "
                    + context.getVersion().getVersion());
        }
        return new OperationOutcomeMapper(context);
    }

    /**
     * Builds the {@code OperationOutcome} for a refusal, one issue per problem.
     *
     * @param refusal the refusal
     * @return a new resource
     */
    public OperationOutcome toOperationOutcome(FhirGuardException refusal) {
        return toOperationOutcome(refusal.problems());
    }

    /**
     * Builds an {@code OperationOutcome} from problems, one issue each.
     *
     * @param problems the problems, in order
     * @return a new resource
     */
    public OperationOutcome toOperationOutcome(List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            OperationOutcomeIssueComponent issue = outcome.addIssue();
            issue.setSeverity(IssueSeverity.fromCode(problem.severity().code()));
            issue.setCode(IssueType.fromCode(problem.reason().issueType().code()));
            issue.setDetails(new CodeableConcept(
                    new Coding(REASON_SYSTEM, problem.reason().code(), null)));
            issue.setDiagnostics(problem.description());
            problem.location().ifPresent(issue::addExpression);
        }
        return outcome;
    }

    /**
     * Renders a refusal in the given format.
     *
     * @param refusal the refusal
     * @param format JSON or XML
     * @return the serialized {@code OperationOutcome}
     */
    public String render(FhirGuardException refusal, OutcomeFormat format) {
        return render(toOperationOutcome(refusal), format);
    }

    /**
     * Renders an {@code OperationOutcome} in the given format.
     *
     * @param outcome the resource
     * @param format JSON or XML
     * @return the serialized resource
     */
    public String render(OperationOutcome outcome, OutcomeFormat format) {
        IParser parser = format == OutcomeFormat.XML
                ? context.newXmlParser() : context.newJsonParser();
        return parser.encodeResourceToString(outcome);
    }

    /**
     * Returns the FHIR context this mapper renders with.
     *
     * @return the context
     */
    public FhirContext context() {
        return context;
    }
}
