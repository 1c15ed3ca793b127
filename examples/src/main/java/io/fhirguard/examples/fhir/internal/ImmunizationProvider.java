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
import org.hl7.fhir.r4.model.Immunization;

/** Immunization: read, vread and search. */
public final class ImmunizationProvider extends StoreProvider<Immunization> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public ImmunizationProvider(FhirContext fhirContext, ResourceStore store) {
        super(Immunization.class, fhirContext, store);
    }

    /**
     * Searches Immunizations; see the FHIR R4 Immunization search parameters.
     *
     * @return the matches, most recent first
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "vaccine-code") TokenAndListParam vaccineCode,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"Immunization:patient"}) Set<Include> includes) {
        return search(i -> Match.ids(id, i)
                        && Match.reference(patient, "Patient", i.getPatient())
                        && Match.codes(vaccineCode, List.of(i.getVaccineCode()))
                        && Match.code(status, i.getStatus() == null ? null : i.getStatus().toCode())
                        && Match.date(date, i.getOccurrence())
                        && Match.lastUpdated(lastUpdated, i),
                Comparator.comparing((Immunization i) -> Match.start(i.getOccurrence()),
                        Comparator.reverseOrder()).thenComparing(byId()),
                includes, Set.of());
    }
}
