package io.fhirguard.examples.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirguard.examples.fhir.ResourceStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read, vread and search plumbing shared by the example server's resource providers.
 *
 * @param <T> the resource type served
 */
public abstract class StoreProvider<T extends Resource> implements IResourceProvider {
    private final Class<T> type;
    private final FhirContext fhirContext;
    private final ResourceStore store;

    StoreProvider(Class<T> type, FhirContext fhirContext, ResourceStore store) {
        this.type = type;
        this.fhirContext = fhirContext;
        this.store = store;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    /**
     * Reads the latest version, or the version named in the id (vread).
     *
     * @param id the id, with or without {@code _history/<version>}
     * @return a copy of the stored resource
     */
    @Read(version = true)
    public T read(@IdParam IdType id) {
        String name = type.getSimpleName();
        Optional<Resource> found;
        if (id.hasVersionIdPart()) {
            if (!id.isVersionIdPartValidLong()) {
                throw new InvalidRequestException("Version id must be a number.");
            }
            found = store.read(name, id.getIdPart(), id.getVersionIdPartAsLong());
        } else {
            found = store.read(name, id.getIdPart());
        }
        return type.cast(found.orElseThrow(() -> new ResourceNotFoundException(id)).copy());
    }

    /** Runs a search over every stored resource of this type, newest {@code date} first. */
    IBundleProvider search(Predicate<T> filter, Comparator<T> order, Set<Include> includes,
            Set<Include> revIncludes) {
        List<T> matches = store.all(type).stream().filter(filter).sorted(order).toList();
        return new SearchResults(fhirContext, store, matches, includes, revIncludes);
    }

    /** Orders by logical id, for types without a natural date. */
    Comparator<T> byId() {
        return Comparator.comparing(r -> r.getIdElement().getIdPart());
    }

    ResourceStore store() {
        return store;
    }
}
