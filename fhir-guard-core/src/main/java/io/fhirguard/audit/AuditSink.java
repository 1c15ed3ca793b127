package io.fhirguard.audit;

/**
 * Records audit events: the one interface every audit destination implements.
 *
 * <p>fhir-guard calls {@link #record(AuditEvent)} once for every security decision, on the
 * request thread, before the response is committed. An implementation may:
 * <ul>
 *   <li>write the event synchronously (a file, a log, a database) and return;</li>
 *   <li>hand it to a queue and return at once, as {@link AsyncAuditSink} does;</li>
 *   <li>filter events (for example drop permits of {@code metadata}) or enrich a copy.</li>
 * </ul>
 * It must be thread-safe, must not keep the caller waiting for long (wrap a slow sink in
 * {@link AsyncAuditSink}), and must not write anything the event does not hold.
 *
 * <p>Failures: a {@link RuntimeException} (preferably {@link AuditException}) thrown from
 * {@code record} means "not recorded". fhir-guard's filter then refuses the request with 500
 * {@code internal-error} rather than serve it unaudited, and logs the failure at ERROR. A sink
 * that chooses to lose events instead (an asynchronous sink under overload) must count every
 * loss and report it at ERROR; it must never lose an event silently. {@link #close()} flushes
 * what is buffered; a failure there is reported at ERROR by the sink itself.
 *
 * <p>Example, a sink that forwards denials to a SIEM client:
 * <pre>{@code
 * AuditSink denials = event -> {
 *     if (event.decision() == AuditDecision.DENY) {
 *         siem.send(event.id(), event.reason().map(Reason::code).orElse("-"),
 *                 event.agent().jti().orElse("-"));
 *     }
 * };
 * }</pre>
 *
 * @since 1.0
 */
@FunctionalInterface
public interface AuditSink extends AutoCloseable {

    /**
     * Records one event.
     *
     * @param event the event
     * @throws AuditException when the event could not be recorded
     */
    void record(AuditEvent event);

    /**
     * Flushes buffered events and releases resources. The default does nothing. After close,
     * {@link #record(AuditEvent)} may throw {@link IllegalStateException}.
     */
    @Override
    default void close() {
    }
}
