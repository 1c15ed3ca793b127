package io.fhirguard.audit;

import java.util.Map;

/**
 * Makes an {@link AuditSink} from named settings; found through {@link java.util.ServiceLoader}
 * so a deployment can add a sink by putting a jar on the class path.
 *
 * <p>Register an implementation in
 * {@code META-INF/services/io.fhirguard.audit.AuditSinkProvider}; {@link AuditSinks#create}
 * picks it by {@link #name()}. Implementations need a public no-argument constructor and must be
 * thread-safe.
 *
 * @since 1.0
 */
public interface AuditSinkProvider {

    /**
     * Returns the name configuration uses to pick this provider.
     *
     * @return a short lower-case name such as {@code kafka}; must not clash with the built-in
     *     {@code json-lines} and {@code fhir-server}
     */
    String name();

    /**
     * Creates a sink.
     *
     * @param settings the provider's settings, as given in configuration
     * @return a new sink
     * @throws IllegalArgumentException naming every setting that is missing or wrong
     */
    AuditSink create(Map<String, String> settings);
}
