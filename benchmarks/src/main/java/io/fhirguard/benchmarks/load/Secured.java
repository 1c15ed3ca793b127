package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;

/**
 * The FHIR server behind fhir-guard's servlet filter, with real signed tokens.
 *
 * <p>Not yet wired: the servlet filter is not on this branch yet, so only the bare target runs.
 */
final class Secured {
    private Secured() {
    }

    static List<LoadRun.Target> startIfAvailable(FhirContext context,
            SyntheaPopulation population) {
        System.out.println("load: FhirGuardFilter is not on this branch yet; bare target only");
        return List.of();
    }
}
