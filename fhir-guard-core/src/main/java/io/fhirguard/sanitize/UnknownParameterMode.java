package io.fhirguard.sanitize;

/**
 * What {@link SearchParameterValidator} does with a search parameter it does not know for the
 * resource type.
 *
 * @since 1.0
 */
public enum UnknownParameterMode {
    /**
     * Refuse the search with {@code param-unknown} (the default). FHIR R4 §3.1.1.4 lets a server
     * refuse unknown parameters when the client asks for strict handling; fhir-guard always does,
     * so that nothing it could not check reaches the server.
     */
    STRICT,
    /**
     * Drop the parameter and report a {@code param-unknown-dropped} warning, which the caller
     * returns to the client in an {@code OperationOutcome}. Never silent: every dropped
     * parameter is listed in {@link SanitizedParameters#warnings()}.
     */
    LENIENT
}
