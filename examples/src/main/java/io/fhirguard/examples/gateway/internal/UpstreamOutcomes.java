package io.fhirguard.examples.gateway.internal;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Writes the OperationOutcome the gateway sends when the upstream server fails it. */
public final class UpstreamOutcomes {
    private final FhirContext fhirContext;

    /**
     * Creates the writer.
     *
     * @param fhirContext the R4 context
     */
    public UpstreamOutcomes(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * Writes a 502 or 504 OperationOutcome (issue {@code transient} or {@code timeout}); any
     * other status is written as 502.
     *
     * @param response the response, not yet committed
     * @param status 502 or 504
     * @throws IOException if the response cannot be written
     */
    public void write(HttpServletResponse response, int status) throws IOException {
        boolean timeout = status == HttpServletResponse.SC_GATEWAY_TIMEOUT;
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(timeout ? OperationOutcome.IssueType.TIMEOUT
                        : OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics(timeout
                        ? "The upstream FHIR server did not answer in time."
                        : "The upstream FHIR server could not be reached or sent no usable "
                                + "answer.");
        byte[] body = fhirContext.newJsonParser().encodeResourceToString(outcome)
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(timeout ? status : HttpServletResponse.SC_BAD_GATEWAY);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
