package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/**
 * A small read-only HAPI FHIR R4 server over a {@link SyntheaPopulation}: Patient read and
 * Observation read and search by {@code patient}/{@code subject}, {@code category} and
 * {@code code}. It stands in for the examples module's server in the load run: both are real
 * {@link RestfulServer}s, so HAPI's request handling and JSON encoding are what is measured.
 */
public final class BenchFhirServer extends RestfulServer {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the server.
     *
     * @param context the R4 context
     * @param population the data it serves
     */
    public BenchFhirServer(FhirContext context, SyntheaPopulation population) {
        super(context);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setResourceProviders(List.of(new PatientProvider(population),
                new ObservationProvider(population)));
    }

    /** Patient read. */
    public static final class PatientProvider implements IResourceProvider {
        private final transient SyntheaPopulation population;

        PatientProvider(SyntheaPopulation population) {
            this.population = population;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        /**
         * Reads a patient.
         *
         * @param id the id
         * @return the patient
         */
        @Read
        public Patient read(@IdParam IdType id) {
            Patient p = population.patient(id.getIdPart());
            if (p == null) {
                throw new ResourceNotFoundException(id);
            }
            return p;
        }
    }

    /** Observation read and patient-compartment search. */
    public static final class ObservationProvider implements IResourceProvider {
        private final transient SyntheaPopulation population;

        ObservationProvider(SyntheaPopulation population) {
            this.population = population;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Observation.class;
        }

        /**
         * Reads an Observation.
         *
         * @param id the id
         * @return the Observation
         */
        @Read
        public Observation read(@IdParam IdType id) {
            Observation o = population.observation(id.getIdPart());
            if (o == null) {
                throw new ResourceNotFoundException(id);
            }
            return o;
        }

        /**
         * Searches one patient's Observations; a search without a patient is refused, as a
         * server holding a real population would page or refuse it.
         *
         * @param patient the {@code patient} parameter
         * @param subject the {@code subject} parameter
         * @param category an optional category token
         * @param code an optional code token
         * @return the matches
         */
        @Search
        public List<Observation> search(
                @OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = Observation.SP_CATEGORY) TokenParam category,
                @OptionalParam(name = Observation.SP_CODE) TokenParam code) {
            ReferenceParam who = patient != null ? patient : subject;
            if (who == null) {
                throw new InvalidRequestException("search by patient or subject only");
            }
            return population.observationsOf(who.getIdPart()).stream()
                    .filter(o -> category == null || o.getCategory().stream().anyMatch(c ->
                            c.getCoding().stream().anyMatch(x ->
                                    x.getCode().equals(category.getValue()))))
                    .filter(o -> code == null || o.getCode().getCoding().stream().anyMatch(x ->
                            x.getCode().equals(code.getValue())))
                    .toList();
        }
    }
}
