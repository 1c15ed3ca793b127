package io.fhirguard.request;

import java.util.Objects;

/**
 * One decoded query parameter: its name as sent (modifiers and chains included, for example
 * {@code code:not} or {@code subject.name}) and its value, percent-decoded exactly once.
 *
 * <p>A comma-separated OR list stays one value here ({@code subject=Patient/A,Group/G}); the
 * sanitizer and decision code split it with FHIR's escaping rules.
 *
 * @param name the parameter name, never empty
 * @param value the decoded value, possibly empty
 * @since 1.0
 */
public record QueryParameter(String name, String value) {
    /**
     * Checks the parts.
     *
     * @param name the parameter name, never empty
     * @param value the decoded value, possibly empty
     */
    public QueryParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
    }

    /**
     * Returns the name without any {@code :modifier}, for example {@code code} for
     * {@code code:not}, and {@code subject.name} stays as it is.
     *
     * @return the base name
     */
    public String baseName() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /**
     * Shows the name only: values may identify a patient.
     *
     * @return a text with the parameter name and a masked value
     */
    @Override
    public String toString() {
        return name + "=***";
    }
}
