package io.fhirguard.audit;

/**
 * Whether an audit event keeps search parameter values. Values such as {@code name=Smith} or
 * {@code identifier=...} can identify a patient, so the default keeps names only.
 *
 * @since 1.0
 */
public enum QueryValuePolicy {
    /** Keep parameter names (with modifiers) only. The default. */
    NAMES_ONLY,
    /**
     * Keep names and values. Choose it only when the audit store is protected like clinical
     * data; values that look like bearer tokens are still replaced by {@code [redacted]}.
     */
    NAMES_AND_VALUES
}
