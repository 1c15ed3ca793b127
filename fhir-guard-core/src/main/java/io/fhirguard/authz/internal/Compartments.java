package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The Patient compartment as HAPI defines it for the configured FHIR version: which search
 * parameters of each type place a resource in a patient's compartment, and whether a given
 * resource is in a given patient's compartment. Thread-safe.
 */
public final class Compartments {
    static final String PATIENT = "Patient";
    private static final Pattern SIMPLE_PATH = Pattern.compile("[A-Za-z]+(\\.[A-Za-z]+)*");
    private static final Pattern WHERE =
            Pattern.compile("\\.where\\(resolve\\(\\) is [A-Za-z]+\\)$");

    private final FhirContext fhirContext;
    private final Set<String> resourceTypes;
    private final Map<String, List<RuntimeSearchParam>> params = new ConcurrentHashMap<>();
    private final Map<String, List<String>> paths = new ConcurrentHashMap<>();

    /**
     * Creates the view for one FHIR version.
     *
     * @param fhirContext the FHIR context
     */
    public Compartments(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
    }

    /**
     * Returns every resource type of the FHIR version.
     *
     * @return the types
     */
    public Set<String> resourceTypes() {
        return resourceTypes;
    }

    /**
     * Tells whether the FHIR version defines a resource type.
     *
     * @param type a type name, case-sensitive
     * @return true when defined
     */
    public boolean isKnownType(String type) {
        return resourceTypes.contains(type);
    }

    /**
     * Returns the compartment search parameters of a type.
     *
     * @param type a resource type
     * @return the parameters; empty when the type is not in the Patient compartment
     */
    public List<RuntimeSearchParam> params(String type) {
        return params.computeIfAbsent(type, t -> List.copyOf(definition(t)
                .getSearchParamsForCompartmentName(PATIENT)));
    }

    /**
     * Tells whether a type can be in a patient's compartment (Patient itself included).
     *
     * @param type a resource type
     * @return true for Patient and every type with compartment parameters
     */
    public boolean isCompartmentType(String type) {
        return PATIENT.equals(type) || !params(type).isEmpty();
    }

    /**
     * Tells whether a search parameter name is a compartment parameter of a type.
     *
     * @param type a resource type
     * @param name a parameter name without modifier
     * @return true when it is
     */
    public boolean isCompartmentParam(String type, String name) {
        return params(type).stream().anyMatch(p -> p.getName().equals(name));
    }

    /**
     * Returns the parameter added to confine a search: {@code patient} when the type has it as a
     * compartment parameter, else {@code subject}, else the first one.
     *
     * @param type a compartment type other than Patient
     * @return the parameter name
     */
    public String narrowingParam(String type) {
        List<String> names = params(type).stream().map(RuntimeSearchParam::getName).toList();
        return names.contains("patient") ? "patient"
                : names.contains("subject") ? "subject" : names.get(0);
    }

    /**
     * Tells whether a resource is in a patient's compartment. Only relative references
     * ({@code Patient/<id>}, no base URL) count.
     *
     * @param resource the resource
     * @param patientId the patient's logical id
     * @return true when it is the patient or references the patient through a compartment path
     */
    public boolean contains(IBaseResource resource, String patientId) {
        String type = fhirContext.getResourceType(resource);
        if (PATIENT.equals(type)) {
            IIdType id = resource.getIdElement();
            return id != null && patientId.equals(id.getIdPart());
        }
        FhirTerser terser = fhirContext.newTerser();
        for (String path : paths(type)) {
            for (IBaseReference ref : terser.getValues(resource, path, IBaseReference.class)) {
                if (isPatient(ref.getReferenceElement(), patientId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Tells whether a resource refers, through a compartment path, to a patient other than the
     * given one: a {@code Patient} reference with another id, or any {@code Patient} reference
     * with a base URL (which cannot be shown to be this server's patient). Used for resources a
     * patient-scoped token writes, which must not reach into another patient's compartment even
     * when they are also in the token's own. References at paths that use FHIRPath functions
     * other than {@code where(resolve() is Type)} are not followed.
     *
     * @param resource the resource
     * @param patientId the token's patient
     * @return true when another patient is named
     */
    public boolean namesOtherPatient(IBaseResource resource, String patientId) {
        FhirTerser terser = fhirContext.newTerser();
        for (String path : paths(fhirContext.getResourceType(resource))) {
            for (IBaseReference ref : terser.getValues(resource, path, IBaseReference.class)) {
                IIdType id = ref.getReferenceElement();
                if (id != null && PATIENT.equals(id.getResourceType())
                        && (id.hasBaseUrl() || !patientId.equals(id.getIdPart()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPatient(IIdType ref, String patientId) {
        return ref != null && !ref.hasBaseUrl() && PATIENT.equals(ref.getResourceType())
                && patientId.equals(ref.getIdPart());
    }

    private List<String> paths(String type) {
        return paths.computeIfAbsent(type, t -> {
            List<String> out = new ArrayList<>();
            for (RuntimeSearchParam p : params(t)) {
                for (String raw : p.getPathsSplit()) {
                    // "Observation.subject.where(resolve() is Patient)": the reference element is
                    // the part before where(); isPatient() then checks the type.
                    String path = WHERE.matcher(raw.trim()).replaceAll("");
                    if (SIMPLE_PATH.matcher(path).matches() && path.startsWith(t + ".")) {
                        out.add(path);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private RuntimeResourceDefinition definition(String type) {
        return fhirContext.getResourceDefinition(type);
    }
}
