package io.fhirguard.examples.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import io.fhirguard.examples.fhir.ResourceStore;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;

/** MedicationRequest: read, vread and search. */
public final class MedicationRequestProvider extends StoreProvider<MedicationRequest> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public MedicationRequestProvider(FhirContext fhirContext, ResourceStore store) {
        super(MedicationRequest.class, fhirContext, store);
    }

    /**
     * Searches MedicationRequests; see the FHIR R4 MedicationRequest search parameters.
     *
     * @return the matches, most recently authored first
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "encounter") ReferenceAndListParam encounter,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "intent") TokenAndListParam intent,
            @OptionalParam(name = "authoredon") DateRangeParam authoredOn,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"MedicationRequest:subject", "MedicationRequest:patient",
                "MedicationRequest:encounter", "MedicationRequest:requester"})
            Set<Include> includes) {
        return search(m -> Match.ids(id, m)
                        && Match.reference(patient, "Patient", m.getSubject())
                        && Match.reference(subject, null, m.getSubject())
                        && Match.reference(encounter, "Encounter", m.getEncounter())
                        && Match.codes(code, medication(m))
                        && Match.code(status, m.getStatus() == null ? null : m.getStatus().toCode())
                        && Match.code(intent, m.getIntent() == null ? null : m.getIntent().toCode())
                        && Match.date(authoredOn, m.getAuthoredOnElement())
                        && Match.lastUpdated(lastUpdated, m),
                Comparator.comparing((MedicationRequest m) -> Match.start(m.getAuthoredOnElement()),
                        Comparator.reverseOrder()).thenComparing(byId()),
                includes, Set.of());
    }

    private static List<CodeableConcept> medication(MedicationRequest request) {
        return request.hasMedicationCodeableConcept()
                ? List.of(request.getMedicationCodeableConcept()) : List.of();
    }
}
