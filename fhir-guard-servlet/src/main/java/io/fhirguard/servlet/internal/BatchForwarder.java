package io.fhirguard.servlet.internal;

import io.fhirguard.authz.AccessDecision;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.servlet.TokenPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Sends the permitted entries of a batch (or of a permitted transaction) downstream and
 * answers the client with one entry per entry it sent.
 */
final class BatchForwarder {
    private final BatchRewriter batches;
    private final long maxBuffer;

    BatchForwarder(BatchRewriter batches, long maxBuffer) {
        this.batches = batches;
        this.maxBuffer = maxBuffer;
    }

    void forward(Exchange x, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain, FhirRequest parsed, AccessDecision decision, byte[] body,
            TokenPrincipal principal, Set<String> roles) throws IOException, ServletException {
        List<AccessDecision> entries = decision.entries();
        Bundle original = parsed.body().filter(Bundle.class::isInstance).map(Bundle.class::cast)
                .orElseGet(() -> batches.parse(body, request.getContentType()));
        Optional<Bundle> answers = Optional.empty();
        if (BatchRewriter.anyPermitted(entries)) {
            GuardedRequest guarded = new GuardedRequest(request, null,
                    batches.forward(original, entries), "application/fhir+json;charset=UTF-8",
                    principal, roles).withRequestId(x.requestId)
                    .withoutHeaders(GuardPipeline.CHECKED_HIDDEN_HEADERS);
            BufferedResponse buffered = new BufferedResponse(response, maxBuffer);
            chain.doFilter(guarded, buffered);
            if (buffered.isOverflowed()) {
                throw FhirGuardException.of(Reason.RESPONSE_TOO_LARGE,
                        "The response is too large to be checked");
            }
            if (buffered.getStatus() < 200 || buffered.getStatus() >= 300) {
                byte[] out = buffered.body();
                response.setContentLength(out.length);
                response.getOutputStream().write(out);
                x.status = buffered.getStatus();
                return;
            }
            answers = Optional.of(batches.parse(buffered.body(), buffered.getContentType()));
        }
        Bundle.BundleType type = original.getType() == Bundle.BundleType.TRANSACTION
                ? Bundle.BundleType.TRANSACTIONRESPONSE : Bundle.BundleType.BATCHRESPONSE;
        ResponseChecker.Checked merged = batches.merge(type, entries, answers);
        response.setStatus(200);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setContentLength(merged.body().length);
        response.getOutputStream().write(merged.body());
        x.status = 200;
        x.entriesRemoved = merged.removed();
    }
}
