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
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;

/** Encounter: read, vread and search. */
public final class EncounterProvider extends StoreProvider<Encounter> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public EncounterProvider(FhirContext fhirContext, ResourceStore store) {
        super(Encounter.class, fhirContext, store);
    }

    /**
     * Searches Encounters; see the FHIR R4 Encounter search parameters.
     *
     * @return the matches, most recent first
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "class") TokenAndListParam encounterClass,
            @OptionalParam(name = "type") TokenAndListParam type,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"Encounter:subject", "Encounter:patient",
                "Encounter:participant", "Encounter:service-provider"}) Set<Include> includes,
            @IncludeParam(reverse = true, allow = {"Observation:encounter",
                "Condition:encounter"}) Set<Include> revIncludes) {
        return search(e -> Match.ids(id, e)
                        && Match.reference(patient, "Patient", e.getSubject())
                        && Match.reference(subject, null, e.getSubject())
                        && Match.coding(encounterClass, e.getClass_())
                        && Match.codes(type, e.getType())
                        && Match.code(status, e.getStatus() == null ? null : e.getStatus().toCode())
                        && Match.date(date, e.getPeriod())
                        && Match.lastUpdated(lastUpdated, e),
                Comparator.comparing((Encounter e) -> Match.start(e.getPeriod()),
                        Comparator.reverseOrder()).thenComparing(byId()),
                includes, revIncludes);
    }
}
