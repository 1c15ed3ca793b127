package io.fhirguard.servlet.support;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Answers batch Bundles of GET entries from a {@link ResourceStore}: {@code Type/id} reads and
 * {@code Patient?_id=} / {@code Observation?patient=|subject=|category=|code=} searches.
 * Enough to see per-entry results; other entries get {@code 400}.
 */
public final class BatchProvider {
    private final ResourceStore store;

    /**
     * Creates the provider.
     *
     * @param store where the resources are
     */
    public BatchProvider(ResourceStore store) {
        this.store = store;
    }

    /**
     * Runs a batch.
     *
     * @param batch the request Bundle
     * @return the batch-response Bundle
     */
    @Transaction
    public Bundle batch(@TransactionParam Bundle batch) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (BundleEntryComponent entry : batch.getEntry()) {
            response.addEntry(answer(entry.getRequest().getUrl()));
        }
        return response;
    }

    private BundleEntryComponent answer(String url) {
        BundleEntryComponent out = new BundleEntryComponent();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String[] parts = path.split("/");
        if (q < 0 && parts.length == 2) {
            store.read(parts[0], parts[1]).ifPresentOrElse(
                    r -> out.setResource(r.copy()).getResponse().setStatus("200 OK"),
                    () -> out.getResponse().setStatus("404 Not Found"));
            return out;
        }
        Map<String, String> params = params(q < 0 ? "" : url.substring(q + 1));
        Bundle result = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (path.equals("Observation")) {
            String who = params.getOrDefault("patient", params.get("subject"));
            store.observations(params.get("_id"), who, params.get("category"),
                    params.get("code")).forEach(o -> add(result, o));
        } else if (path.equals("Patient")) {
            store.patients(params.get("_id")).forEach(p -> add(result, p));
        } else {
            out.getResponse().setStatus("400 Bad Request");
            return out;
        }
        result.setTotal(result.getEntry().size());
        out.setResource(result).getResponse().setStatus("200 OK");
        return out;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setResource(resource.copy())
                .setFullUrl(resource.fhirType() + "/" + resource.getIdPart());
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
