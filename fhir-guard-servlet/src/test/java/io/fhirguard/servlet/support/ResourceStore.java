package io.fhirguard.servlet.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** A tiny in-memory resource store shared by the test resource providers. */
public final class ResourceStore {
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    /**
     * Adds or replaces resources.
     *
     * @param added resources with {@code Type/id} ids
     */
    public void putAll(List<? extends Resource> added) {
        added.forEach(this::put);
    }

    /**
     * Adds or replaces one resource.
     *
     * @param resource a resource with a {@code Type/id} id
     */
    public void put(Resource resource) {
        resources.put(resource.fhirType() + "/" + resource.getIdPart(), resource);
    }

    /**
     * Reads one resource.
     *
     * @param type the type
     * @param id the id
     * @return the resource, or empty
     */
    public Optional<Resource> read(String type, String id) {
        return Optional.ofNullable(resources.get(type + "/" + id));
    }

    /**
     * Returns every Patient, optionally one id only.
     *
     * @param id the id, or null for all
     * @return the matching patients
     */
    public List<Patient> patients(String id) {
        List<Patient> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r instanceof Patient p && (id == null || id.equals(p.getIdPart()))) {
                out.add(p);
            }
        }
        out.sort((a, b) -> a.getIdPart().compareTo(b.getIdPart()));
        return out;
    }

    /**
     * Searches Observations.
     *
     * @param id {@code _id}, or null
     * @param patientRef the subject reference ({@code Patient/x} or {@code x}), or null
     * @param category the category code, or null
     * @param code the code ({@code system|code} or {@code code}), or null
     * @return the matches, in id order
     */
    public List<Observation> observations(String id, String patientRef, String category,
            String code) {
        List<Observation> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r instanceof Observation o && matches(o, id, patientRef, category, code)) {
                out.add(o);
            }
        }
        out.sort((a, b) -> a.getIdPart().compareTo(b.getIdPart()));
        return out;
    }

    private static boolean matches(Observation o, String id, String patientRef, String category,
            String code) {
        if (id != null && !id.equals(o.getIdPart())) {
            return false;
        }
        if (patientRef != null) {
            String wanted = patientRef.startsWith("Patient/") ? patientRef : "Patient/" + patientRef;
            if (!wanted.equals(o.getSubject().getReference())) {
                return false;
            }
        }
        if (category != null && o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .noneMatch(c -> category.equals(c.getCode()))) {
            return false;
        }
        return code == null || o.getCode().getCoding().stream().anyMatch(c -> codeMatches(c,
                code));
    }

    private static boolean codeMatches(Coding c, String code) {
        int bar = code.indexOf('|');
        if (bar < 0) {
            return code.equals(c.getCode());
        }
        return code.substring(0, bar).equals(c.getSystem())
                && code.substring(bar + 1).equals(c.getCode());
    }
}
