package io.fhirguard.servlet.adversarial;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A HAPI resource provider for one type over a {@link ClinicalStore}: read, search with every
 * parameter the store knows, instance and type history (current versions only), and
 * conditional update and delete, all answered correctly.
 */
public class StoreProvider implements IResourceProvider {
    final ClinicalStore store;
    private final FhirContext context;
    private final Class<? extends Resource> type;

    StoreProvider(ClinicalStore store, FhirContext context, Class<? extends Resource> type) {
        this.store = store;
        this.context = context;
        this.type = type;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    String typeName() {
        return context.getResourceType(type);
    }

    /**
     * Reads by id.
     *
     * @param id the id
     * @return the resource
     */
    @Read
    public IBaseResource read(@IdParam IdType id) {
        return store.read(typeName(), id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /**
     * Searches with any parameters; an unknown one is a 400.
     *
     * @param details the request
     * @return matches, then included resources marked as such
     */
    @Search(allowUnknownParams = true)
    public List<IBaseResource> search(RequestDetails details) {
        return asBundle(store.search(typeName(), details.getParameters()));
    }

    /**
     * Instance history: the current version only.
     *
     * @param id the id
     * @return the versions
     */
    @History
    public List<IBaseResource> instanceHistory(@IdParam IdType id) {
        return List.of(read(id));
    }

    /**
     * Type history: the current version of every resource of the type.
     *
     * @return the versions
     */
    @History
    public List<IBaseResource> typeHistory() {
        return new ArrayList<>(store.all(typeName()));
    }

    /**
     * Update by id, or conditional update by search URL.
     *
     * @param id the id, or null for a conditional update
     * @param body the resource text
     * @param conditional the search URL, or null
     * @return the outcome
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam String body,
            @ConditionalUrlParam String conditional) {
        Resource resource = (Resource) context.newJsonParser().parseResource(body);
        String targetId;
        if (conditional != null) {
            List<Resource> matches = store.search(typeName(), query(conditional)).matches();
            if (matches.size() > 1) {
                throw new PreconditionFailedException("More than one match");
            }
            targetId = matches.isEmpty() ? "new-" + System.nanoTime()
                    : matches.get(0).getIdElement().getIdPart();
        } else {
            targetId = id.getIdPart();
        }
        resource.setId(typeName() + "/" + targetId);
        store.put(resource);
        return new MethodOutcome(new IdType(typeName(), targetId)).setResource(resource.copy());
    }

    /**
     * Create, or conditional create ({@code If-None-Exist}): when the search matches one
     * resource, nothing is created and the match is returned, as HAPI's JPA server does.
     *
     * @param body the resource text
     * @param conditional the {@code If-None-Exist} search as a URL, or null
     * @return the outcome
     */
    @Create
    public MethodOutcome create(@ResourceParam String body,
            @ConditionalUrlParam String conditional) {
        if (conditional != null) {
            List<Resource> matches = store.search(typeName(), query(conditional)).matches();
            if (matches.size() > 1) {
                throw new PreconditionFailedException("More than one match");
            }
            if (matches.size() == 1) {
                Resource existing = matches.get(0);
                return new MethodOutcome(new IdType(typeName(),
                        existing.getIdElement().getIdPart())).setCreated(false)
                        .setResource(existing);
            }
        }
        Resource resource = (Resource) context.newJsonParser().parseResource(body);
        String id = "new-" + System.nanoTime();
        resource.setId(typeName() + "/" + id);
        store.put(resource);
        return new MethodOutcome(new IdType(typeName(), id)).setCreated(true)
                .setResource(resource.copy());
    }

    /**
     * Delete by id, or conditional delete by search URL.
     *
     * @param id the id, or null
     * @param conditional the search URL, or null
     * @return the outcome
     */
    @Delete
    public MethodOutcome delete(@IdParam IdType id, @ConditionalUrlParam String conditional) {
        if (conditional != null) {
            for (Resource r : store.search(typeName(), query(conditional)).matches()) {
                store.remove(typeName(), r.getIdElement().getIdPart());
            }
        } else if (!store.remove(typeName(), id.getIdPart())) {
            throw new ResourceNotFoundException(id);
        }
        return new MethodOutcome();
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<IBaseResource> asBundle(ClinicalStore.Result result) {
        List<IBaseResource> out = new ArrayList<>(result.matches());
        for (Resource r : result.included()) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.INCLUDE);
            out.add(r);
        }
        return out;
    }

    static Map<String, String[]> query(String url) {
        int q = url.indexOf('?');
        if (q < 0 && url.contains("=")) {
            q = -1;
        } else if (q < 0) {
            throw new InvalidRequestException("A conditional URL needs a query");
        }
        Map<String, List<String>> collected = new LinkedHashMap<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                collected.computeIfAbsent(decode(pair.substring(0, eq)), k -> new ArrayList<>())
                        .add(decode(pair.substring(eq + 1)));
            }
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        collected.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
