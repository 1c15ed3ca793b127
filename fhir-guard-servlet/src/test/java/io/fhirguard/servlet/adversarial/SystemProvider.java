package io.fhirguard.servlet.adversarial;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * System-level interactions of the attacked server: batch and transaction Bundles of GET
 * entries (reads and searches, answered like the type-level ones) and system history.
 */
public final class SystemProvider {
    private final ClinicalStore store;

    SystemProvider(ClinicalStore store) {
        this.store = store;
    }

    /**
     * Runs a batch or transaction of GET entries.
     *
     * @param request the request Bundle
     * @return the response Bundle
     */
    @Transaction
    public Bundle transaction(@TransactionParam Bundle request) {
        boolean batch = request.getType() == Bundle.BundleType.BATCH;
        Bundle response = new Bundle().setType(batch ? Bundle.BundleType.BATCHRESPONSE
                : Bundle.BundleType.TRANSACTIONRESPONSE);
        for (BundleEntryComponent entry : request.getEntry()) {
            response.addEntry(answer(entry));
        }
        return response;
    }

    /**
     * System history: the current version of everything.
     *
     * @return the versions
     */
    @History
    public List<IBaseResource> history() {
        return new ArrayList<>(store.all(null));
    }

    // A create entry, conditional on ifNoneExist as HAPI's JPA server does it: a single match
    // is not created again, and the entry answers 200 with the match's location and content.
    private BundleEntryComponent create(BundleEntryComponent entry) {
        BundleEntryComponent out = new BundleEntryComponent();
        Resource resource = entry.getResource().copy();
        String type = resource.fhirType();
        if (entry.getRequest().hasIfNoneExist()) {
            List<Resource> matches = store.search(type, StoreProvider.query(type + "?"
                    + entry.getRequest().getIfNoneExist())).matches();
            if (matches.size() == 1) {
                Resource existing = matches.get(0);
                out.setResource(existing).getResponse().setStatus("200 OK").setLocation(type
                        + "/" + existing.getIdElement().getIdPart() + "/_history/1");
                return out;
            }
        }
        String id = "new-" + System.nanoTime();
        resource.setId(type + "/" + id);
        store.put(resource);
        out.getResponse().setStatus("201 Created").setLocation(type + "/" + id + "/_history/1");
        return out;
    }

    private BundleEntryComponent answer(BundleEntryComponent entry) {
        BundleEntryComponent out = new BundleEntryComponent();
        String url = entry.getRequest().getUrl();
        if (entry.getRequest().getMethod() == Bundle.HTTPVerb.POST && entry.hasResource()) {
            return create(entry);
        }
        if (entry.getRequest().getMethod() != Bundle.HTTPVerb.GET || url == null) {
            out.getResponse().setStatus("400 Bad Request");
            return out;
        }
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String[] parts = path.split("/");
        if (q < 0 && parts.length == 2) {
            store.read(parts[0], parts[1]).ifPresentOrElse(
                    r -> out.setResource(r).getResponse().setStatus("200 OK"),
                    () -> out.getResponse().setStatus("404 Not Found"));
            return out;
        }
        if (parts.length != 1) {
            out.getResponse().setStatus("400 Bad Request");
            return out;
        }
        try {
            ClinicalStore.Result result = store.search(parts[0],
                    q < 0 ? java.util.Map.of() : StoreProvider.query(url));
            Bundle set = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            for (Resource r : result.matches()) {
                set.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart())
                        .setResource(r).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
            for (Resource r : result.included()) {
                set.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart())
                        .setResource(r).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
            }
            set.setTotal(result.matches().size());
            out.setResource(set).getResponse().setStatus("200 OK");
        } catch (RuntimeException e) {
            out.getResponse().setStatus("400 Bad Request");
        }
        return out;
    }
}
