package io.fhirguard.examples;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.refusal.OutcomeFormat;
import io.fhirguard.refusal.Reason;
import java.io.PrintStream;

/**
 * Entry point of the examples jar: {@code java -jar fhir-guard-examples.jar <command>}.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs one example command.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length != 1 || !args[0].equals("demo")) {
            out.println("usage: java -jar fhir-guard-examples.jar demo");
            System.exit(2);
        }
        // The foundation release has no server yet; the demo shows the one real path there is:
        // a refusal rendered as the OperationOutcome a client would receive.
        OperationOutcomeMapper mapper = OperationOutcomeMapper.create(FhirContext.forR4Cached());
        FhirGuardException refusal = FhirGuardException.of(Reason.REQUEST_DOT_SEGMENT,
                "The path holds a '..' segment.");
        out.println("HTTP " + refusal.status() + " " + OutcomeFormat.JSON.contentType());
        out.println(mapper.render(refusal, OutcomeFormat.JSON));
    }
}
