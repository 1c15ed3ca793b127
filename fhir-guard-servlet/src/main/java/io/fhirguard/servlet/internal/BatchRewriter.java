package io.fhirguard.servlet.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.authz.ResponseCheck;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.refusal.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Handles a batch or transaction whose entries were decided one by one: forwards only the
 * permitted entries (with narrowed URLs where the decision narrowed them), then puts the
 * server's answers back in the client's order, with an {@code OperationOutcome} and the
 * refusal's status for each denied entry, and applies each entry's response check.
 */
final class BatchRewriter {
    private final FhirContext context;
    private final OperationOutcomeMapper outcomes;

    BatchRewriter(FhirContext context, OperationOutcomeMapper outcomes) {
        this.context = context;
        this.outcomes = outcomes;
    }

    /**
     * Builds the Bundle to send downstream.
     *
     * @param original the client's Bundle
     * @param decisions one decision per entry, in order
     * @return the JSON of a Bundle with the permitted entries only
     */
    byte[] forward(Bundle original, List<AccessDecision> decisions) {
        Bundle out = new Bundle().setType(original.getType());
        for (int i = 0; i < original.getEntry().size(); i++) {
            AccessDecision d = decisions.get(i);
            if (!d.isPermitted()) {
                continue;
            }
            BundleEntryComponent entry = original.getEntry().get(i).copy();
            if (d.responseCheck().isPresent()) {
                // A 304 entry has no resource to check and tells the caller the resource
                // exists, in the version named: ask for the resource itself.
                entry.getRequest().setIfNoneMatch(null).setIfModifiedSince(null);
            }
            // Send the checked parameters (narrowed, clamped), never the raw entry query.
            String raw = entry.getRequest().getUrl();
            if (d.isNarrowed() || raw.contains("?") || !d.request().parameters().isEmpty()) {
                String url = entry.getRequest().getUrl();
                int q = url.indexOf('?');
                String path = q < 0 ? url : url.substring(0, q);
                String query = QueryStrings.encode(d.request().parameters());
                entry.getRequest().setUrl(query.isEmpty() ? path : path + "?" + query);
            }
            out.addEntry(entry);
        }
        return context.newJsonParser().encodeResourceToString(out)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Tells whether any entry was permitted, so there is something to forward.
     *
     * @param decisions the entry decisions
     * @return true when at least one entry goes downstream
     */
    static boolean anyPermitted(List<AccessDecision> decisions) {
        return decisions.stream().anyMatch(AccessDecision::isPermitted);
    }

    /**
     * Builds the client's answer.
     *
     * @param type the response Bundle type
     * @param decisions one decision per client entry
     * @param downstream the server's response Bundle, or empty when nothing was forwarded
     * @return the answer and how many resources the checks removed
     * @throws FhirGuardException {@code response-uncheckable} when the server's Bundle does not
     *     have one entry per forwarded entry
     */
    ResponseChecker.Checked merge(Bundle.BundleType type, List<AccessDecision> decisions,
            Optional<Bundle> downstream) {
        List<BundleEntryComponent> answers = downstream.map(Bundle::getEntry)
                .orElse(List.of());
        long forwarded = decisions.stream().filter(AccessDecision::isPermitted).count();
        if (answers.size() != forwarded) {
            throw FhirGuardException.of(Reason.RESPONSE_UNCHECKABLE,
                    "The server's batch response could not be checked");
        }
        Bundle out = new Bundle().setType(type);
        int next = 0;
        int removed = 0;
        for (AccessDecision d : decisions) {
            if (!d.isPermitted()) {
                out.addEntry(denied(d.toRefusal()));
                continue;
            }
            BundleEntryComponent answer = answers.get(next++);
            removed += checkEntry(answer, d.responseCheck());
            out.addEntry(answer);
        }
        byte[] json = context.newJsonParser().encodeResourceToString(out)
                .getBytes(StandardCharsets.UTF_8);
        return new ResponseChecker.Checked(json, removed);
    }

    /**
     * Parses the server's response Bundle.
     *
     * @param body the bytes
     * @param contentType the content type
     * @return the Bundle
     * @throws FhirGuardException {@code response-uncheckable} when it is no Bundle
     */
    Bundle parse(byte[] body, String contentType) {
        try {
            boolean xml = contentType != null && contentType.contains("xml");
            IBaseResource r = (xml ? context.newXmlParser() : context.newJsonParser())
                    .parseResource(new String(body, StandardCharsets.UTF_8));
            if (r instanceof Bundle b) {
                return b;
            }
        } catch (DataFormatException e) {
            throw FhirGuardException.builder(Reason.RESPONSE_UNCHECKABLE,
                    "The server's batch response could not be checked").cause(e).build();
        }
        throw FhirGuardException.of(Reason.RESPONSE_UNCHECKABLE,
                "The server's batch response could not be checked");
    }

    private int checkEntry(BundleEntryComponent answer, Optional<ResponseCheck> check) {
        if (check.isEmpty() || !answer.hasResource()) {
            return 0;
        }
        Resource resource = answer.getResource();
        if (resource instanceof Bundle inner) {
            return check.get().filter(inner);
        }
        if (!check.get().isVisible(resource)) {
            FhirGuardException notFound = FhirGuardException.of(Reason.RESPONSE_NOT_VISIBLE,
                    "The resource was not found");
            answer.setResource(null);
            answer.getResponse().setStatus("404 Not Found").setEtag(null).setLastModified(null)
                    .setLocation(null).setOutcome(outcomes.toOperationOutcome(notFound));
            return 1;
        }
        return 0;
    }

    private BundleEntryComponent denied(FhirGuardException refusal) {
        BundleEntryComponent entry = new BundleEntryComponent();
        entry.getResponse().setStatus(refusal.status() + " " + phrase(refusal.status()))
                .setOutcome(outcomes.toOperationOutcome(refusal));
        return entry;
    }

    private static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            default -> "Refused";
        };
    }
}
