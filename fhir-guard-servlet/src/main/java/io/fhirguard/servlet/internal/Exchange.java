package io.fhirguard.servlet.internal;

import io.fhirguard.authz.AccessDecision;
import io.fhirguard.ratelimit.RateLimitResult;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.token.AccessToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline learned about one request, gathered for its one audit event. Not
 * thread-safe; lives on one request's thread.
 */
final class Exchange {
    final String requestId;
    final Instant start;
    String clientAddress;
    String credentialFingerprint;
    AccessToken token;
    FhirRequest request;
    AccessDecision decision;
    Reason refusal;
    int status;
    int entriesRemoved;
    RateLimitResult rateLimit;
    final List<Problem> warnings = new ArrayList<>();

    Exchange(String requestId, Instant start) {
        this.requestId = requestId;
        this.start = start;
    }

    void refused(Reason reason, int httpStatus) {
        this.refusal = reason;
        this.status = httpStatus;
    }
}
