package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;

/**
 * What a parameter name resolved to: the parameter, its modifier, and for a reference the type
 * from a {@code :Type} modifier; or why it did not resolve.
 *
 * @param info the parameter the value belongs to (the last link of a chain), or null on failure
 * @param modifier the modifier after {@code :}, or null; null too when it was a resource type
 * @param typeModifier the resource type of a reference's {@code :Type} modifier, or null
 * @param failure why the name did not resolve, or null
 */
record Resolution(SearchParamInfo info, String modifier, String typeModifier, Finding failure) {
    static Resolution of(SearchParamInfo info, String modifier, String typeModifier) {
        return new Resolution(info, modifier, typeModifier, null);
    }

    static Resolution failed(Reason reason, String description) {
        return new Resolution(null, null, null, new Finding(reason, description));
    }

    boolean isUnknown() {
        return failure != null && failure.reason() == Reason.PARAM_UNKNOWN;
    }
}
