package io.fhirguard.audit;

import io.fhirguard.request.Interaction;

/**
 * What kind of action an audited request performed: the FHIR R4 {@code AuditEventAction} codes.
 *
 * @since 1.0
 */
public enum AuditAction {
    /** Create a new resource ({@code C}). */
    CREATE("C"),
    /** Read or view ({@code R}). */
    READ("R"),
    /** Update or patch ({@code U}). */
    UPDATE("U"),
    /** Delete ({@code D}). */
    DELETE("D"),
    /** Execute: searches, operations, batches and transactions ({@code E}), as IHE BALP does. */
    EXECUTE("E");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /**
     * Returns the one-letter FHIR code.
     *
     * @return {@code C}, {@code R}, {@code U}, {@code D} or {@code E}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the action an interaction performs, following IHE BALP: reads (including
     * {@code vread}, instance history and {@code metadata}) are {@code R}; searches, type and
     * system history, operations, batches and transactions are {@code E}.
     *
     * @param interaction the interaction
     * @return the action
     */
    public static AuditAction of(Interaction interaction) {
        return switch (interaction) {
            case READ, VREAD, HISTORY_INSTANCE, CAPABILITIES -> READ;
            case CREATE -> CREATE;
            case UPDATE, PATCH -> UPDATE;
            case DELETE -> DELETE;
            default -> EXECUTE;
        };
    }
}
