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
import org.hl7.fhir.r4.model.Condition;

/** Condition: read, vread and search. */
public final class ConditionProvider extends StoreProvider<Condition> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public ConditionProvider(FhirContext fhirContext, ResourceStore store) {
        super(Condition.class, fhirContext, store);
    }

    /**
     * Searches Conditions; see the FHIR R4 Condition search parameters.
     *
     * @return the matches, most recent onset first
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "encounter") ReferenceAndListParam encounter,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "clinical-status") TokenAndListParam clinicalStatus,
            @OptionalParam(name = "onset-date") DateRangeParam onsetDate,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"Condition:subject", "Condition:patient",
                "Condition:encounter"}) Set<Include> includes) {
        return search(c -> Match.ids(id, c)
                        && Match.reference(patient, "Patient", c.getSubject())
                        && Match.reference(subject, null, c.getSubject())
                        && Match.reference(encounter, "Encounter", c.getEncounter())
                        && Match.codes(category, c.getCategory())
                        && Match.codes(code, List.of(c.getCode()))
                        && Match.codes(clinicalStatus, List.of(c.getClinicalStatus()))
                        && Match.date(onsetDate, c.getOnset())
                        && Match.lastUpdated(lastUpdated, c),
                Comparator.comparing((Condition c) -> Match.start(c.getOnset()),
                        Comparator.reverseOrder()).thenComparing(byId()),
                includes, Set.of());
    }
}
