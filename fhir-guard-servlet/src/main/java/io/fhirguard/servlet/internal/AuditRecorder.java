package io.fhirguard.servlet.internal;

import io.fhirguard.audit.AuditAction;
import io.fhirguard.audit.AuditAgent;
import io.fhirguard.audit.AuditDecision;
import io.fhirguard.audit.AuditEvent;
import io.fhirguard.audit.AuditOutcome;
import io.fhirguard.audit.AuditSink;
import io.fhirguard.audit.QueryValuePolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the pipeline learned about a request into its one audit event. Query values are
 * never recorded (names only); the agent is identified by subject, client, {@code jti} and
 * token fingerprint, never by the token.
 */
final class AuditRecorder {
    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

    private final AuditSink sink;
    private final Clock clock;

    AuditRecorder(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    void record(Exchange x, HttpServletRequest request) {
        try {
            sink.record(event(x, request));
        } catch (RuntimeException e) {
            // The response has already gone; losing its record must at least be loud.
            log.error("audit event {} could not be recorded: {}", x.requestId,
                    e.getClass().getSimpleName());
        }
    }

    private AuditEvent event(Exchange x, HttpServletRequest request) {
        boolean permitted = x.refusal == null;
        AuditEvent.Builder b = AuditEvent.builder(x.start,
                permitted ? AuditDecision.PERMIT : AuditDecision.DENY)
                .id(x.requestId)
                .outcome(AuditOutcome.ofStatus(x.status))
                .httpStatus(x.status)
                .latency(nonNegative(Duration.between(x.start, clock.instant())))
                .entriesRemoved(x.entriesRemoved)
                .requestId(x.requestId);
        if (x.refusal != null) {
            b.reason(x.refusal);
        }
        if (x.request != null) {
            b.request(x.request, QueryValuePolicy.NAMES_ONLY)
                    .action(AuditAction.of(x.request.interaction()));
        }
        if (x.token != null) {
            b.agent(AuditAgent.of(x.token));
            x.token.patient().ifPresent(p -> b.patient("Patient/" + p));
        } else if (x.credentialFingerprint != null) {
            b.agent(AuditAgent.ofRejectedCredential(x.credentialFingerprint));
        } else {
            b.agent(AuditAgent.anonymous());
        }
        if (x.clientAddress != null) {
            b.sourceAddress(x.clientAddress);
        }
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null) {
            b.userAgent(userAgent.length() > 256 ? userAgent.substring(0, 256) : userAgent);
        }
        return b.build();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
