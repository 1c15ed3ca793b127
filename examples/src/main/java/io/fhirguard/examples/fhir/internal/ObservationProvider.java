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
import org.hl7.fhir.r4.model.Observation;

/** Observation: read, vread and search. */
public final class ObservationProvider extends StoreProvider<Observation> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public ObservationProvider(FhirContext fhirContext, ResourceStore store) {
        super(Observation.class, fhirContext, store);
    }

    /**
     * Searches Observations; see the FHIR R4 Observation search parameters.
     *
     * @return the matches, newest first
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "encounter") ReferenceAndListParam encounter,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"Observation:subject", "Observation:subject:Patient",
                "Observation:patient", "Observation:encounter", "Observation:has-member",
                "Observation:has-member:Observation", "Observation:performer",
                "Observation:derived-from", "Observation:derived-from:Observation"})
            Set<Include> includes,
            @IncludeParam(reverse = true, allow = {"Observation:has-member",
                "DiagnosticReport:result"}) Set<Include> revIncludes) {
        return search(o -> Match.ids(id, o)
                        && Match.reference(patient, "Patient", o.getSubject())
                        && Match.reference(subject, null, o.getSubject())
                        && Match.reference(encounter, "Encounter", o.getEncounter())
                        && Match.codes(category, o.getCategory())
                        && Match.codes(code, List.of(o.getCode()))
                        && Match.code(status, o.getStatus() == null ? null : o.getStatus().toCode())
                        && Match.date(date, o.getEffective())
                        && Match.lastUpdated(lastUpdated, o),
                newestFirst(), includes, revIncludes);
    }

    static Comparator<Observation> newestFirst() {
        return Comparator.comparing((Observation o) -> Match.start(o.getEffective()),
                        Comparator.reverseOrder())
                .thenComparing(o -> o.getIdElement().getIdPart());
    }
}
