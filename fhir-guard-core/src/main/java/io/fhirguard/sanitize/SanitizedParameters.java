package io.fhirguard.sanitize;

import io.fhirguard.refusal.Problem;
import io.fhirguard.request.QueryParameters;
import java.util.List;
import java.util.Objects;

/**
 * The result of a search that passed {@link SearchParameterValidator}: the parameters to hand
 * to the FHIR server, and every change made on the way.
 *
 * <p>{@link #parameters()} holds the input parameters in their original order, decoded exactly
 * once and otherwise unchanged, except that an oversized {@code _count} is lowered to the
 * configured maximum and, in lenient mode only, unknown parameters are left out. Each such
 * change has a warning in {@link #warnings()}; nothing is changed silently. Immutable and
 * thread-safe.
 *
 * @since 1.0
 */
public final class SanitizedParameters {
    private final QueryParameters parameters;
    private final List<Problem> warnings;

    SanitizedParameters(QueryParameters parameters, List<Problem> warnings) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Returns the canonical parameters to pass downstream.
     *
     * @return the checked parameters, in the order received; possibly empty
     */
    public QueryParameters parameters() {
        return parameters;
    }

    /**
     * Returns what was changed or dropped, each a {@link io.fhirguard.refusal.Severity#WARNING}
     * problem ({@code param-count-clamped}, {@code param-unknown-dropped}) located at its
     * parameter, for example {@code parameter[3] _count}. The caller should return them to the
     * client as {@code OperationOutcome} issues with the search result.
     *
     * @return an unmodifiable list, empty when nothing was changed
     */
    public List<Problem> warnings() {
        return warnings;
    }

    /**
     * Tells whether the parameters are exactly the ones received.
     *
     * @return true when there are no warnings
     */
    public boolean isUnchanged() {
        return warnings.isEmpty();
    }

    /**
     * Shows parameter names and warning codes only; values may identify a patient.
     *
     * @return a masked description
     */
    @Override
    public String toString() {
        return "SanitizedParameters[" + parameters + ", warnings=" + warnings.size() + "]";
    }
}
