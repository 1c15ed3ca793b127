package io.fhirguard.authz.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameters;

/**
 * The outcome of one step of a decision: a permit with the (possibly narrowed) parameters and
 * whether the response needs a check, or a denial.
 *
 * @param reason null for a permit
 * @param description the denial's client-safe description, or null
 * @param requiredScope the missing scope, or null
 * @param parameters the parameters to send on (permit only)
 * @param needsCheck whether the response must be re-checked (permit only)
 */
public record Verdict(Reason reason, String description, String requiredScope,
        QueryParameters parameters, boolean needsCheck) {
    static Verdict permit(QueryParameters parameters, boolean needsCheck) {
        return new Verdict(null, null, null, parameters, needsCheck);
    }

    static Verdict deny(Reason reason, String description) {
        return new Verdict(reason, description, null, null, false);
    }

    static Verdict insufficient(String description, String requiredScope) {
        return new Verdict(Reason.AUTHZ_INSUFFICIENT_SCOPE, description, requiredScope, null,
                false);
    }

    /**
     * Tells whether this is a permit.
     *
     * @return true for a permit
     */
    public boolean isPermit() {
        return reason == null;
    }

    Verdict withCheck(boolean check) {
        return isPermit() ? permit(parameters, needsCheck || check) : this;
    }
}
