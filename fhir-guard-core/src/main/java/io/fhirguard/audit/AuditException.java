package io.fhirguard.audit;

/**
 * An audit event could not be recorded. Thrown by sinks; the caller decides whether the request
 * may still be served (fhir-guard's filter refuses it, so nothing happens unaudited).
 *
 * <p>The message never holds event content beyond its id.
 *
 * @since 1.0
 */
public class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without event content
     * @param cause the underlying failure, or {@code null}
     */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
