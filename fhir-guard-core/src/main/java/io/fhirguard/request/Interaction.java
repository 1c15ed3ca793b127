package io.fhirguard.request;

/**
 * The FHIR REST interactions (FHIR R4 {@code http.html}) a {@link FhirRequest} can describe.
 *
 * @since 1.0
 */
public enum Interaction {
    /** {@code GET [type]/[id]}. */
    READ,
    /** {@code GET [type]/[id]/_history/[vid]}. */
    VREAD,
    /** {@code PUT [type]/[id]}, or conditional {@code PUT [type]?[search]}. */
    UPDATE,
    /** {@code PATCH [type]/[id]}, or conditional {@code PATCH [type]?[search]}. */
    PATCH,
    /** {@code DELETE [type]/[id]}, or conditional {@code DELETE [type]?[search]}. */
    DELETE,
    /** {@code POST [type]}. */
    CREATE,
    /** {@code GET [type]?...} or {@code POST [type]/_search}. */
    SEARCH_TYPE,
    /** {@code GET [base]?...} or {@code POST [base]/_search}. */
    SEARCH_SYSTEM,
    /** {@code GET [compartment-type]/[id]/[type]?...} or {@code .../[type]/_search}. */
    SEARCH_COMPARTMENT,
    /** {@code GET [type]/[id]/_history}. */
    HISTORY_INSTANCE,
    /** {@code GET [type]/_history}. */
    HISTORY_TYPE,
    /** {@code GET [base]/_history}. */
    HISTORY_SYSTEM,
    /** {@code GET [base]/metadata}. */
    CAPABILITIES,
    /** {@code POST [base]} with a Bundle of type {@code batch}. */
    BATCH,
    /** {@code POST [base]} with a Bundle of type {@code transaction}. */
    TRANSACTION,
    /** {@code GET|POST [base]/$[name]}. */
    OPERATION_SYSTEM,
    /** {@code GET|POST [type]/$[name]}. */
    OPERATION_TYPE,
    /** {@code GET|POST [type]/[id]/$[name]}. */
    OPERATION_INSTANCE;

    /**
     * Tells whether this interaction is a search of any kind.
     *
     * @return true for the type, system and compartment searches
     */
    public boolean isSearch() {
        return this == SEARCH_TYPE || this == SEARCH_SYSTEM || this == SEARCH_COMPARTMENT;
    }

    /**
     * Tells whether this interaction is a history read of any kind.
     *
     * @return true for instance, type and system history
     */
    public boolean isHistory() {
        return this == HISTORY_INSTANCE || this == HISTORY_TYPE || this == HISTORY_SYSTEM;
    }

    /**
     * Tells whether this interaction is an extended operation ({@code $name}).
     *
     * @return true for system, type and instance operations
     */
    public boolean isOperation() {
        return this == OPERATION_SYSTEM || this == OPERATION_TYPE || this == OPERATION_INSTANCE;
    }

    /**
     * Tells whether this interaction is a batch or transaction.
     *
     * @return true for batch and transaction
     */
    public boolean isBundle() {
        return this == BATCH || this == TRANSACTION;
    }
}
