package io.fhirguard.examples.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import io.fhirguard.examples.fhir.ResourceStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * One search result: the matches, paged by HAPI, with each page's {@code _include} and
 * {@code _revinclude} resources added after the matches and marked {@code include}.
 *
 * <p>Every resource handed out is a copy, so HAPI's bundle building cannot change the store.
 * Includes are resolved one level deep; {@code :iterate} is treated as a plain include.
 */
final class SearchResults implements IBundleProvider {
    private final FhirContext fhirContext;
    private final ResourceStore store;
    private final List<? extends Resource> matches;
    private final Set<Include> includes;
    private final Set<Include> revIncludes;
    private final InstantType published = InstantType.withCurrentTime();

    SearchResults(FhirContext fhirContext, ResourceStore store, List<? extends Resource> matches,
            Set<Include> includes, Set<Include> revIncludes) {
        this.fhirContext = fhirContext;
        this.store = store;
        this.matches = List.copyOf(matches);
        this.includes = includes == null ? Set.of() : Set.copyOf(includes);
        this.revIncludes = revIncludes == null ? Set.of() : Set.copyOf(revIncludes);
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<? extends Resource> page = matches.subList(Math.min(fromIndex, matches.size()),
                Math.min(toIndex, matches.size()));

        Map<String, Resource> included = new LinkedHashMap<>();
        Set<String> pageIds = new HashSet<>();
        for (Resource match : page) {
            pageIds.add(key(match.getIdElement()));
        }
        for (Resource match : page) {
            addIncludes(match, included, pageIds);
        }
        addRevIncludes(pageIds, included);

        List<IBaseResource> result = new ArrayList<>(page.size() + included.size());
        page.forEach(r -> result.add(marked(r, BundleEntrySearchModeEnum.MATCH)));
        included.values().forEach(r -> result.add(marked(r, BundleEntrySearchModeEnum.INCLUDE)));
        return result;
    }

    @Override
    public String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        return matches.size();
    }

    private void addIncludes(Resource match, Map<String, Resource> included, Set<String> pageIds) {
        if (includes.isEmpty()) {
            return;
        }
        for (ResourceReferenceInfo ref : fhirContext.newTerser().getAllResourceReferences(match)) {
            Include include = includes.stream().filter(i -> ref.matchesInclude(untyped(i)))
                    .findFirst().orElse(null);
            if (include == null) {
                continue;
            }
            IIdType target = ref.getResourceReference().getReferenceElement();
            String wantedType = include.getParamTargetType();
            if (target.getResourceType() == null || target.getIdPart() == null
                    || (wantedType != null && !wantedType.equals(target.getResourceType()))) {
                continue;
            }
            String key = target.getResourceType() + "/" + target.getIdPart();
            if (!pageIds.contains(key) && !included.containsKey(key)) {
                resolve(target).ifPresent(r -> included.put(key, r));
            }
        }
    }

    private void addRevIncludes(Set<String> pageIds, Map<String, Resource> included) {
        for (Include rev : revIncludes) {
            Class<? extends IBaseResource> type = fhirContext
                    .getResourceDefinition(rev.getParamType()).getImplementingClass();
            for (IBaseResource candidate : store.all(type.asSubclass(Resource.class))) {
                Resource source = (Resource) candidate;
                String key = key(source.getIdElement());
                if (pageIds.contains(key) || included.containsKey(key)) {
                    continue;
                }
                boolean points = fhirContext.newTerser().getAllResourceReferences(source).stream()
                        .filter(ref -> ref.matchesInclude(untyped(rev)))
                        .map(ref -> ref.getResourceReference().getReferenceElement())
                        .anyMatch(id -> id.getResourceType() != null
                                && pageIds.contains(id.getResourceType() + "/" + id.getIdPart()));
                if (points) {
                    included.put(key, source);
                }
            }
        }
    }

    /** HAPI matches a reference against {@code Type:param}; the target type is checked apart. */
    private static Include untyped(Include include) {
        return include.getParamTargetType() == null ? include
                : new Include(include.getParamType() + ":" + include.getParamName());
    }

    private Optional<Resource> resolve(IIdType target) {
        return store.read(target.getResourceType(), target.getIdPart());
    }

    private static Resource marked(Resource resource, BundleEntrySearchModeEnum mode) {
        Resource copy = resource.copy();
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy, mode);
        return copy;
    }

    private static String key(IIdType id) {
        return id.getResourceType() + "/" + id.getIdPart();
    }
}
