package io.fhirguard.servlet.support;

import io.fhirguard.audit.AuditEvent;
import io.fhirguard.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes events to a real sink and lets a test wait for the event of a given request: the
 * filter records its event after the response went out, so a test must not read the audit
 * trail before that.
 */
public final class RecordingAuditSink implements AuditSink {
    private static final long WAIT_MILLIS = 10_000;

    private final AuditSink delegate;
    private final List<AuditEvent> events = new ArrayList<>();

    /**
     * Wraps a sink.
     *
     * @param delegate the real sink
     */
    public RecordingAuditSink(AuditSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void record(AuditEvent event) {
        delegate.record(event);
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /**
     * Waits (at most ten seconds) until the event of a request was recorded.
     *
     * @param requestId the request id from the {@code X-Request-Id} response header
     * @return the event
     * @throws AssertionError when it does not come
     */
    public AuditEvent await(String requestId) {
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        synchronized (events) {
            while (true) {
                for (AuditEvent e : events) {
                    if (e.id().equals(requestId)) {
                        return e;
                    }
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no audit event for request " + requestId);
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /**
     * Returns how many events were recorded with this request id.
     *
     * @param requestId the request id
     * @return the count
     */
    public long count(String requestId) {
        synchronized (events) {
            return events.stream().filter(e -> e.id().equals(requestId)).count();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
