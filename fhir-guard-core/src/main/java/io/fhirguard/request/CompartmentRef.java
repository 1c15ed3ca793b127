package io.fhirguard.request;

import java.util.Objects;

/**
 * The compartment a compartment search runs in, for example {@code Patient/123} in
 * {@code GET Patient/123/Observation}.
 *
 * @param type the compartment type, such as {@code Patient}
 * @param id the id of the compartment's owner
 * @since 1.0
 */
public record CompartmentRef(String type, String id) {
    /**
     * Checks the parts.
     *
     * @param type the compartment type, such as {@code Patient}
     * @param id the id of the compartment's owner
     */
    public CompartmentRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Masks the id, which may identify a patient.
     *
     * @return the type and a masked id
     */
    @Override
    public String toString() {
        return type + "/***";
    }
}
