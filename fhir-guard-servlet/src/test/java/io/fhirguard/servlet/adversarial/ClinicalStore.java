package io.fhirguard.servlet.adversarial;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.fhirguard.servlet.support.SyntheaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The data behind the attacked server, and a small but correct FHIR search engine over it: the
 * parameters it knows are ANDed across repetitions and ORed within a comma list, chains,
 * {@code _has}, {@code _include} (with {@code :iterate}) and {@code _revinclude} work as the
 * FHIR search page says, and an unknown parameter is a 400, as on a strict server. A correct
 * server matters: a leak through it is the guard's fault, not the server's.
 *
 * <p>Besides the three Synthea patients it holds two planted Observations that cross the
 * patients: {@link #A_CROSS} (subject A, performer B, encounter one of B's) and
 * {@link #B_CROSS} (subject B, encounter one of A's), so that includes can reach B at all.
 */
final class ClinicalStore {
    /** Patient A: the token's patient in every attack. */
    static final String A = SyntheaData.FABIAN;
    /** Patient B: the victim. */
    static final String B = SyntheaData.REYNA;
    /** An Observation of A that names B as performer and points to one of B's encounters. */
    static final String A_CROSS = "a-cross-observation";
    /** An Observation of B that points to one of A's encounters. */
    static final String B_CROSS = "b-cross-observation";

    private static final Set<String> RESULT_PARAMS = Set.of("_format", "_pretty", "_summary",
            "_count", "_elements", "_sort", "_total", "_include", "_revinclude");

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    private ClinicalStore() {
    }

    /**
     * Loads the Synthea patients and plants the two crossing Observations.
     *
     * @param context an R4 context
     * @return the store
     */
    static ClinicalStore synthea(FhirContext context) {
        ClinicalStore store = new ClinicalStore();
        SyntheaData.load(context).forEach(store::put);
        String encounterOfA = store.encountersOf(A).get(0);
        String encounterOfB = store.encountersOf(B).get(0);
        Observation aCross = new Observation();
        aCross.setId("Observation/" + A_CROSS);
        aCross.setStatus(Observation.ObservationStatus.FINAL);
        aCross.getCode().addCoding().setSystem("http://loinc.org").setCode("8302-2");
        aCross.setSubject(new Reference("Patient/" + A));
        aCross.addPerformer(new Reference("Patient/" + B));
        aCross.setEncounter(new Reference("Encounter/" + encounterOfB));
        store.put(aCross);
        Observation bCross = new Observation();
        bCross.setId("Observation/" + B_CROSS);
        bCross.setStatus(Observation.ObservationStatus.FINAL);
        bCross.getCode().addCoding().setSystem("http://loinc.org").setCode("8302-2");
        bCross.setSubject(new Reference("Patient/" + B));
        bCross.setEncounter(new Reference("Encounter/" + encounterOfA));
        store.put(bCross);
        return store;
    }

    void put(Resource resource) {
        resources.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
                resource);
    }

    Optional<Resource> read(String type, String id) {
        return Optional.ofNullable(resources.get(type + "/" + id)).map(Resource::copy);
    }

    boolean remove(String type, String id) {
        return resources.remove(type + "/" + id) != null;
    }

    /** Every resource of a type (all types for null), in key order. */
    List<Resource> all(String type) {
        return resources.entrySet().stream()
                .filter(e -> type == null || e.getKey().startsWith(type + "/"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> (Resource) e.getValue().copy()).toList();
    }

    /**
     * Returns the keys ({@code Type/id}) of every resource that belongs to a patient only: the
     * Patient, and resources whose subject is the patient.
     *
     * @param patient the patient id
     * @return the keys
     */
    Set<String> keysOf(String patient) {
        Set<String> out = new LinkedHashSet<>();
        resources.forEach((key, r) -> {
            if (key.equals("Patient/" + patient) || subjectIs(r, patient)) {
                out.add(key);
            }
        });
        return out;
    }

    List<String> encountersOf(String patient) {
        return keysOf(patient).stream().filter(k -> k.startsWith("Encounter/"))
                .map(k -> k.substring("Encounter/".length())).sorted().toList();
    }

    /** A search result: the matches and the resources included beside them. */
    record Result(List<Resource> matches, List<Resource> included) {
    }

    /**
     * Runs a search.
     *
     * @param type the searched type
     * @param params the parameters as HAPI parsed them (names with modifiers)
     * @return the result
     * @throws InvalidRequestException for a parameter this server does not know
     */
    Result search(String type, Map<String, String[]> params) {
        List<Resource> matches = new ArrayList<>();
        for (Resource r : all(type)) {
            if (matchesAll(r, params)) {
                matches.add(r);
            }
        }
        return new Result(matches, includes(matches, params));
    }

    private boolean matchesAll(Resource r, Map<String, String[]> params) {
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            String name = p.getKey();
            if (RESULT_PARAMS.contains(name) || name.startsWith("_include:")
                    || name.startsWith("_revinclude:")) {
                continue;
            }
            for (String value : p.getValue()) {
                if (!matchesAny(r, name, value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean matchesAny(Resource r, String name, String value) {
        for (String alt : value.split(",", -1)) {
            if (matches(r, name, alt)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Resource r, String name, String value) {
        if (name.startsWith("_has:")) {
            return has(r, name, value);
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            return chain(r, name.substring(0, dot), name.substring(dot + 1), value);
        }
        String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        String modifier = name.contains(":") ? name.substring(name.indexOf(':') + 1) : null;
        if (base.equals("_id") && modifier == null) {
            return r.getIdElement().getIdPart().equals(value);
        }
        if (ReferenceFields.isReference(r.fhirType(), base)) {
            if (modifier != null && !Character.isUpperCase(modifier.charAt(0))) {
                throw unknown(name);
            }
            return ReferenceFields.of(r, base).stream()
                    .anyMatch(ref -> referenceMatches(ref, base, modifier, value));
        }
        if (modifier != null) {
            throw unknown(name);
        }
        return simple(r, base, value);
    }

    private boolean simple(Resource r, String name, String value) {
        if (r instanceof Patient p) {
            return switch (name) {
                case "name" -> p.getName().stream().anyMatch(n -> nameMatches(n, value));
                case "family" -> p.getName().stream().anyMatch(n -> startsWith(n.getFamily(),
                        value));
                case "gender" -> p.hasGender() && p.getGender().toCode().equals(value);
                default -> throw unknown(name);
            };
        }
        if (r instanceof Observation o) {
            return switch (name) {
                case "code" -> tokenMatches(o.getCode(), value);
                case "category" -> o.getCategory().stream().anyMatch(c -> tokenMatches(c,
                        value));
                case "status" -> o.hasStatus() && o.getStatus().toCode().equals(value);
                default -> throw unknown(name);
            };
        }
        if (r instanceof Encounter e) {
            if (name.equals("status")) {
                return e.hasStatus() && e.getStatus().toCode().equals(value);
            }
        }
        throw unknown(name);
    }

    private boolean chain(Resource r, String link, String rest, String value) {
        String base = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
        if (!ReferenceFields.isReference(r.fhirType(), base)) {
            throw unknown(link);
        }
        for (Reference ref : ReferenceFields.of(r, base)) {
            Optional<Resource> target = resolve(ref);
            if (target.isPresent() && matches(target.get(), rest, value)) {
                return true;
            }
        }
        return false;
    }

    // _has:Type:param:targetParam=value: r matches when some Type resource whose param points
    // to r matches targetParam=value.
    private boolean has(Resource r, String name, String value) {
        String[] parts = name.split(":", 4);
        if (parts.length != 4 || !ReferenceFields.isReference(parts[1], parts[2])) {
            throw unknown(name);
        }
        String key = r.fhirType() + "/" + r.getIdElement().getIdPart();
        for (Resource other : all(parts[1])) {
            boolean points = ReferenceFields.of(other, parts[2]).stream()
                    .anyMatch(ref -> key.equals(ref.getReference()));
            if (points && matches(other, parts[3], value)) {
                return true;
            }
        }
        return false;
    }

    private List<Resource> includes(List<Resource> matches, Map<String, String[]> params) {
        Map<String, Resource> included = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        matches.forEach(m -> seen.add(m.fhirType() + "/" + m.getIdElement().getIdPart()));
        List<Resource> round = new ArrayList<>(matches);
        for (String value : values(params, "_include")) {
            round.forEach(m -> forward(m, value, included, seen));
        }
        for (String value : values(params, "_revinclude")) {
            round.forEach(m -> reverse(m, value, included, seen));
        }
        List<String> iterate = new ArrayList<>(values(params, "_include:iterate"));
        iterate.addAll(values(params, "_include:recurse"));
        for (int depth = 0; depth < 4 && !iterate.isEmpty(); depth++) {
            List<Resource> next = new ArrayList<>(included.values());
            for (String value : iterate) {
                next.forEach(m -> forward(m, value, included, seen));
            }
        }
        return List.copyOf(included.values());
    }

    private void forward(Resource from, String include, Map<String, Resource> into,
            Set<String> seen) {
        String[] parts = include.split(":");
        boolean any = include.equals("*");
        if (!any && (parts.length < 2 || !parts[0].equals(from.fhirType()))) {
            return;
        }
        List<Reference> refs = any ? ReferenceFields.all(from)
                : ReferenceFields.isReference(parts[0], parts[1])
                        ? ReferenceFields.of(from, parts[1]) : List.of();
        for (Reference ref : refs) {
            resolve(ref).filter(t -> parts.length < 3 || t.fhirType().equals(parts[2]))
                    .ifPresent(t -> add(t, into, seen));
        }
    }

    private void reverse(Resource to, String revinclude, Map<String, Resource> into,
            Set<String> seen) {
        String[] parts = revinclude.split(":");
        if (parts.length < 2 || !ReferenceFields.isReference(parts[0], parts[1])) {
            return;
        }
        String key = to.fhirType() + "/" + to.getIdElement().getIdPart();
        for (Resource other : all(parts[0])) {
            if (ReferenceFields.of(other, parts[1]).stream()
                    .anyMatch(ref -> key.equals(ref.getReference()))) {
                add(other, into, seen);
            }
        }
    }

    private static void add(Resource r, Map<String, Resource> into, Set<String> seen) {
        String key = r.fhirType() + "/" + r.getIdElement().getIdPart();
        if (seen.add(key)) {
            into.put(key, r);
        }
    }

    private Optional<Resource> resolve(Reference ref) {
        String[] parts = ref.getReference() == null ? new String[0]
                : ref.getReference().split("/");
        return parts.length == 2 ? read(parts[0], parts[1]) : Optional.empty();
    }

    private static List<String> values(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null ? List.of() : Arrays.asList(v);
    }

    // A reference search value: Type/id (relative or at the end of an absolute URL), or a bare
    // id whose type comes from the modifier, from the parameter (patient), or is any.
    private static boolean referenceMatches(Reference ref, String param, String modifier,
            String value) {
        String actual = ref.getReference();
        if (actual == null) {
            return false;
        }
        String[] segments = value.split("/");
        String wanted;
        if (segments.length >= 2) {
            wanted = segments[segments.length - 2] + "/" + segments[segments.length - 1];
        } else if (modifier != null) {
            wanted = modifier + "/" + value;
        } else if (param.equals("patient")) {
            wanted = "Patient/" + value;
        } else {
            return actual.endsWith("/" + value);
        }
        return actual.equals(wanted);
    }

    private static boolean tokenMatches(CodeableConcept concept, String value) {
        int bar = value.indexOf('|');
        String system = bar < 0 ? null : value.substring(0, bar);
        String code = bar < 0 ? value : value.substring(bar + 1);
        return concept.getCoding().stream().anyMatch(c -> code.equals(c.getCode())
                && (system == null || system.equals(c.getSystem())));
    }

    private static boolean nameMatches(HumanName name, String value) {
        return startsWith(name.getFamily(), value) || name.getGiven().stream()
                .anyMatch(g -> startsWith(g.getValue(), value));
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null && text.toLowerCase(Locale.ROOT)
                .startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    private static boolean subjectIs(Resource r, String patient) {
        String wanted = "Patient/" + patient;
        if (r instanceof Observation o) {
            return wanted.equals(o.getSubject().getReference());
        }
        return r instanceof Encounter e && wanted.equals(e.getSubject().getReference());
    }

    private static InvalidRequestException unknown(String name) {
        return new InvalidRequestException("Unknown search parameter " + name);
    }
}
