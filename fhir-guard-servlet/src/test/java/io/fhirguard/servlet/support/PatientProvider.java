package io.fhirguard.servlet.support;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Serves Patients from a {@link ResourceStore}: read, and search by {@code _id}. */
public final class PatientProvider implements IResourceProvider {
    private final ResourceStore store;

    /**
     * Creates the provider.
     *
     * @param store where the patients are
     */
    public PatientProvider(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    /**
     * Reads one patient.
     *
     * @param id the id
     * @return the patient
     */
    @Read
    public Patient read(@IdParam IdType id) {
        return (Patient) store.read("Patient", id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(id)).copy();
    }

    /**
     * Searches patients.
     *
     * @param id the {@code _id} parameter, or null
     * @return the matches
     */
    @Search
    public List<Patient> search(@OptionalParam(name = "_id") TokenParam id) {
        return store.patients(id == null ? null : id.getValue()).stream()
                .map(Patient::copy).toList();
    }
}
