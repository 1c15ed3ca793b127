package io.fhirguard.examples.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.fhirguard.examples.fhir.internal.ConditionProvider;
import io.fhirguard.examples.fhir.internal.DiagnosticReportProvider;
import io.fhirguard.examples.fhir.internal.EncounterProvider;
import io.fhirguard.examples.fhir.internal.ImmunizationProvider;
import io.fhirguard.examples.fhir.internal.MedicationRequestProvider;
import io.fhirguard.examples.fhir.internal.ObservationProvider;
import io.fhirguard.examples.fhir.internal.PatientProvider;
import java.io.Serial;
import java.util.Objects;

/**
 * A plain, unsecured HAPI FHIR R4 server over a {@link ResourceStore}: read, vread and search
 * for Patient, Observation, Condition, Encounter, MedicationRequest, DiagnosticReport and
 * Immunization.
 *
 * <p>Search supports, where FHIR R4 defines them for the type: {@code _id}, {@code patient},
 * {@code subject}, {@code encounter}, {@code category}, {@code code} (token, {@code system|code}),
 * {@code status}, {@code date} (with the prefixes {@code eq ne gt lt ge le sa eb ap} as HAPI
 * parses them), {@code _lastUpdated}, {@code _count} (default page size 50, at most 200, with
 * {@code next} links), {@code _include}/{@code _revinclude} one level deep, and the compartment
 * searches {@code Patient/<id>/Observation}, {@code /Condition} and {@code /Encounter}.
 * Repeated parameters are ANDed and comma-separated values ORed, as in FHIR. Chained parameters
 * and token modifiers are refused with 400. The server is read-only: it registers no write
 * operation, so HAPI answers a create, update or delete with 400. {@code _sort} is not supported: each type has one fixed order (newest first where the
 * type has a date).
 *
 * <p>It does no security of its own: put {@code FhirGuardFilter} in front of it (the examples'
 * {@code serve} command does), or use it bare as the upstream of the {@code gateway} command and
 * in tests.
 *
 * <p>Register it as a servlet mapped to {@code /fhir/*} (any path works).
 *
 * @since 1.0
 */
public class ExampleFhirServer extends RestfulServer {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Default page size for searches without {@code _count}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    /** Largest {@code _count} honoured; larger values are lowered to this. */
    public static final int MAX_PAGE_SIZE = 200;

    /** The store served; transient because servlets are never really serialized here. */
    private final transient ResourceStore store;

    /**
     * Creates a server over a store, with an R4 context.
     *
     * @param fhirContext an R4 context
     * @param store the resources to serve
     */
    public ExampleFhirServer(FhirContext fhirContext, ResourceStore store) {
        super(Objects.requireNonNull(fhirContext, "fhirContext"));
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Returns the store this server reads.
     *
     * @return the store given at construction
     */
    public ResourceStore store() {
        return store;
    }

    @Override
    protected void initialize() {
        FhirContext context = getFhirContext();
        ObservationProvider observations = new ObservationProvider(context, store);
        ConditionProvider conditions = new ConditionProvider(context, store);
        EncounterProvider encounters = new EncounterProvider(context, store);
        registerProviders(
                new PatientProvider(context, store, observations, conditions, encounters),
                observations, conditions, encounters,
                new MedicationRequestProvider(context, store),
                new DiagnosticReportProvider(context, store),
                new ImmunizationProvider(context, store));

        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
        paging.setMaximumPageSize(MAX_PAGE_SIZE);
        setPagingProvider(paging);
        setDefaultPrettyPrint(false);
    }
}
