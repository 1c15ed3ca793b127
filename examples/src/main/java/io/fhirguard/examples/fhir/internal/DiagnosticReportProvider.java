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
import org.hl7.fhir.r4.model.DiagnosticReport;

/** DiagnosticReport: read, vread and search. */
public final class DiagnosticReportProvider extends StoreProvider<DiagnosticReport> {
    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     */
    public DiagnosticReportProvider(FhirContext fhirContext, ResourceStore store) {
        super(DiagnosticReport.class, fhirContext, store);
    }

    /**
     * Searches DiagnosticReports; see the FHIR R4 DiagnosticReport search parameters.
     *
     * @return the matches, most recent first
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
            @IncludeParam(allow = {"DiagnosticReport:subject", "DiagnosticReport:patient",
                "DiagnosticReport:encounter", "DiagnosticReport:result"}) Set<Include> includes) {
        return search(d -> Match.ids(id, d)
                        && Match.reference(patient, "Patient", d.getSubject())
                        && Match.reference(subject, null, d.getSubject())
                        && Match.reference(encounter, "Encounter", d.getEncounter())
                        && Match.codes(category, d.getCategory())
                        && Match.codes(code, List.of(d.getCode()))
                        && Match.code(status, d.getStatus() == null ? null : d.getStatus().toCode())
                        && Match.date(date, d.getEffective())
                        && Match.lastUpdated(lastUpdated, d),
                Comparator.comparing((DiagnosticReport d) -> Match.start(d.getEffective()),
                        Comparator.reverseOrder()).thenComparing(byId()),
                includes, Set.of());
    }
}
