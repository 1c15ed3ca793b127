package io.fhirguard.servlet.adversarial;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Patient provider: everything {@link StoreProvider} does, plus compartment searches
 * ({@code Patient/x/Observation}, {@code Patient/x/Encounter}) and {@code Patient/x/$everything}.
 */
public class PatientStoreProvider extends StoreProvider {
    PatientStoreProvider(ClinicalStore store, FhirContext context) {
        super(store, context, Patient.class);
    }

    /**
     * Searches Observations in one patient's compartment (subject or performer).
     *
     * @param patient the compartment's patient
     * @param details the request
     * @return the matches
     */
    @Search(compartmentName = "Observation", allowUnknownParams = true)
    public List<IBaseResource> observations(@IdParam IdType patient, RequestDetails details) {
        return compartment("Observation", patient.getIdPart(), details,
                List.of("subject", "performer"));
    }

    /**
     * Searches Encounters in one patient's compartment.
     *
     * @param patient the compartment's patient
     * @param details the request
     * @return the matches
     */
    @Search(compartmentName = "Encounter", allowUnknownParams = true)
    public List<IBaseResource> encounters(@IdParam IdType patient, RequestDetails details) {
        return compartment("Encounter", patient.getIdPart(), details, List.of("subject"));
    }

    /**
     * Everything in one patient's compartment.
     *
     * @param patient the patient
     * @return a searchset Bundle
     */
    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType patient) {
        String id = patient.getIdPart();
        Bundle out = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        store.read("Patient", id).ifPresent(p -> add(out, p));
        for (String type : List.of("Observation", "Encounter")) {
            for (String param : List.of("subject", "performer")) {
                if (ReferenceFields.isReference(type, param)) {
                    store.search(type, Map.of(param, new String[] {"Patient/" + id}))
                            .matches().forEach(r -> add(out, r));
                }
            }
        }
        out.setTotal(out.getEntry().size());
        return out;
    }

    private List<IBaseResource> compartment(String type, String patient, RequestDetails details,
            List<String> params) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        List<Resource> matches = new java.util.ArrayList<>();
        List<Resource> included = new java.util.ArrayList<>();
        for (String param : params) {
            Map<String, String[]> query = new LinkedHashMap<>(details.getParameters());
            query.merge(param, new String[] {"Patient/" + patient}, StoreProvider::concat);
            ClinicalStore.Result result = store.search(type, query);
            for (Resource r : result.matches()) {
                if (seen.add(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                    matches.add(r);
                }
            }
            for (Resource r : result.included()) {
                if (seen.add(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                    included.add(r);
                }
            }
        }
        return asBundle(new ClinicalStore.Result(matches, included));
    }

    private static void add(Bundle bundle, Resource r) {
        bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart())
                .setResource(r);
    }
}
