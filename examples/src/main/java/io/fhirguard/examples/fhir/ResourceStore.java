package io.fhirguard.examples.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Resource;

/**
 * Holds the example server's resources in memory, keyed by type and id, with their versions.
 *
 * <p>Resources are stored as given and handed out as they are; callers that change what they
 * get must copy it first (the example server copies every resource it returns). Thread-safe:
 * loading and reading may overlap, and a reader sees each resource either fully stored or not
 * at all.
 *
 * <p>This store keeps everything on the heap; it is meant for the examples, the tests and the
 * benchmarks (a few thousand resources), not for production data.
 *
 * @since 1.0
 */
public final class ResourceStore {
    private final Map<String, Map<String, List<Resource>>> byType = new ConcurrentHashMap<>();

    private ResourceStore() {
    }

    /**
     * Creates an empty store.
     *
     * @return a new store with no resources
     */
    public static ResourceStore create() {
        return new ResourceStore();
    }

    /**
     * Stores a resource as a new version of its type and id.
     *
     * <p>The resource's id must carry its type and id part ({@code Observation/123}); its version
     * becomes one more than the latest stored version (1 for a new resource) and is written into
     * the resource's id and {@code meta.versionId}.
     *
     * @param resource the resource to store; it is kept, not copied
     * @return the version number assigned, starting at 1
     * @throws IllegalArgumentException if the resource has no id part
     */
    public long put(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("resource must have an id, got none for " + type);
        }

        List<Resource> versions = byType.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(id, i -> Collections.synchronizedList(new ArrayList<>()));
        synchronized (versions) {
            long version = versions.size() + 1L;
            resource.setId(type + "/" + id + "/_history/" + version);
            resource.getMeta().setVersionId(Long.toString(version));
            versions.add(resource);
            return version;
        }
    }

    /**
     * Finds the latest version of a resource.
     *
     * @param type the resource type, such as {@code Patient}
     * @param id the logical id
     * @return the resource, or empty when no resource of that type has that id
     */
    public Optional<Resource> read(String type, String id) {
        List<Resource> versions = versions(type, id);
        synchronized (versions) {
            return versions.isEmpty()
                    ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }
    }

    /**
     * Finds one version of a resource.
     *
     * @param type the resource type, such as {@code Patient}
     * @param id the logical id
     * @param version the version number, starting at 1
     * @return the resource at that version, or empty when there is no such version
     */
    public Optional<Resource> read(String type, String id, long version) {
        List<Resource> versions = versions(type, id);
        synchronized (versions) {
            return version < 1 || version > versions.size()
                    ? Optional.empty() : Optional.of(versions.get((int) version - 1));
        }
    }

    /**
     * Lists the latest version of every resource of one type.
     *
     * @param type the Java class of the resource type
     * @param <T> the resource type
     * @return a snapshot list, in no particular order; empty when none are stored
     */
    public <T extends Resource> List<T> all(Class<T> type) {
        Map<String, List<Resource>> byId = byType.getOrDefault(simpleName(type), Map.of());
        List<T> result = new ArrayList<>(byId.size());
        for (List<Resource> versions : byId.values()) {
            synchronized (versions) {
                if (!versions.isEmpty()) {
                    result.add(type.cast(versions.get(versions.size() - 1)));
                }
            }
        }
        return result;
    }

    /**
     * Counts the distinct resources (not versions) of one type.
     *
     * @param type the resource type, such as {@code Observation}
     * @return the number of ids stored for that type
     */
    public int count(String type) {
        return byType.getOrDefault(type, Map.of()).size();
    }

    private List<Resource> versions(String type, String id) {
        return byType.getOrDefault(type, Map.of()).getOrDefault(id, List.of());
    }

    private static String simpleName(Class<? extends Resource> type) {
        return type.getSimpleName();
    }
}
