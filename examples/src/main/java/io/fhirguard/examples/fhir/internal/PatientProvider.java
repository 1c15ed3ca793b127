package io.fhirguard.examples.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import io.fhirguard.examples.fhir.ResourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Patient: read, vread, search and the compartment searches {@code Patient/<id>/<type>}. */
public final class PatientProvider extends StoreProvider<Patient> {
    private final ObservationProvider observations;
    private final ConditionProvider conditions;
    private final EncounterProvider encounters;

    /**
     * Creates the provider.
     *
     * @param fhirContext the R4 context
     * @param store the resources
     * @param observations serves {@code Patient/<id>/Observation}
     * @param conditions serves {@code Patient/<id>/Condition}
     * @param encounters serves {@code Patient/<id>/Encounter}
     */
    public PatientProvider(FhirContext fhirContext, ResourceStore store,
            ObservationProvider observations, ConditionProvider conditions,
            EncounterProvider encounters) {
        super(Patient.class, fhirContext, store);
        this.observations = observations;
        this.conditions = conditions;
        this.encounters = encounters;
    }

    /**
     * Searches Patients; see the FHIR R4 Patient search parameters.
     *
     * @return the matches, by id
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "name") StringAndListParam name,
            @OptionalParam(name = "family") StringAndListParam family,
            @OptionalParam(name = "gender") TokenAndListParam gender,
            @OptionalParam(name = "birthdate") DateRangeParam birthdate,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"Patient:general-practitioner", "Patient:organization"})
            Set<Include> includes,
            @IncludeParam(reverse = true, allow = {"Observation:subject", "Observation:patient",
                "Condition:subject", "Condition:patient", "Encounter:subject",
                "Encounter:patient", "MedicationRequest:subject", "MedicationRequest:patient",
                "DiagnosticReport:subject", "DiagnosticReport:patient", "Immunization:patient"})
            Set<Include> revIncludes) {
        return search(p -> Match.ids(id, p)
                        && Match.identifiers(identifier, p.getIdentifier())
                        && Match.strings(name, names(p, true))
                        && Match.strings(family, names(p, false))
                        && Match.code(gender, p.getGender() == null ? null : p.getGender().toCode())
                        && Match.date(birthdate, p.getBirthDateElement())
                        && Match.lastUpdated(lastUpdated, p),
                byId(), includes, revIncludes);
    }

    /**
     * Lists one patient's Observations ({@code Patient/<id>/Observation}).
     *
     * @return the matches, newest first
     */
    @Search(compartmentName = "Observation")
    public IBundleProvider observations(@IdParam IdType patientId,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "date") DateRangeParam date) {
        return observations.search(null, patient(patientId), null, null, category, code, null,
                date, null, Set.of(), Set.of());
    }

    /**
     * Lists one patient's Conditions ({@code Patient/<id>/Condition}).
     *
     * @return the matches, most recent onset first
     */
    @Search(compartmentName = "Condition")
    public IBundleProvider conditions(@IdParam IdType patientId) {
        return conditions.search(null, patient(patientId), null, null, null, null, null, null,
                null, Set.of());
    }

    /**
     * Lists one patient's Encounters ({@code Patient/<id>/Encounter}).
     *
     * @return the matches, most recent first
     */
    @Search(compartmentName = "Encounter")
    public IBundleProvider encounters(@IdParam IdType patientId) {
        return encounters.search(null, patient(patientId), null, null, null, null, null, null,
                Set.of(), Set.of());
    }

    private static ReferenceAndListParam patient(IdType patientId) {
        return new ReferenceAndListParam().addAnd(new ReferenceOrListParam()
                .addOr(new ReferenceParam("Patient", null, patientId.getIdPart())));
    }

    private static List<String> names(Patient patient, boolean all) {
        List<String> result = new ArrayList<>();
        for (HumanName name : patient.getName()) {
            if (name.hasFamily()) {
                result.add(name.getFamily());
            }
            if (all) {
                name.getGiven().forEach(g -> result.add(g.getValue()));
                if (name.hasText()) {
                    result.add(name.getText());
                }
            }
        }
        return result;
    }
}
