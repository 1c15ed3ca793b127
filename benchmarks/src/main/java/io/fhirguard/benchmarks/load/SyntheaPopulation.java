package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An in-memory population of patients and their laboratory Observations, cloned from one real
 * Synthea Patient and Observation (see {@code synthea/README.md} in this module's resources).
 * Deterministic for a given seed. Immutable once built; safe to read from many threads.
 */
public final class SyntheaPopulation {
    private final Map<String, Patient> patients;
    private final Map<String, List<Observation>> observationsByPatient;
    private final Map<String, Observation> observations;

    private SyntheaPopulation(Map<String, Patient> patients,
            Map<String, List<Observation>> observationsByPatient,
            Map<String, Observation> observations) {
        this.patients = patients;
        this.observationsByPatient = observationsByPatient;
        this.observations = observations;
    }

    /**
     * Builds a population.
     *
     * @param context the R4 context used to parse the templates
     * @param patientCount how many patients
     * @param observationsPerPatient how many laboratory Observations each patient has
     * @return the population
     */
    public static SyntheaPopulation generate(FhirContext context, int patientCount,
            int observationsPerPatient) {
        Patient patientTemplate = read(context, "synthea/Patient.json", Patient.class);
        Observation obsTemplate =
                read(context, "synthea/Observation-laboratory.json", Observation.class);
        Random random = new Random(42);
        Map<String, Patient> patients = new LinkedHashMap<>();
        Map<String, List<Observation>> byPatient = new LinkedHashMap<>();
        Map<String, Observation> observations = new LinkedHashMap<>();

        for (int p = 0; p < patientCount; p++) {
            String patientId = new UUID(random.nextLong(), random.nextLong()).toString();
            Patient patient = patientTemplate.copy();
            patient.setId(patientId);
            patients.put(patientId, patient);

            List<Observation> list = new ArrayList<>();
            Instant when = Instant.parse("2015-01-01T09:00:00Z");
            for (int o = 0; o < observationsPerPatient; o++) {
                Observation obs = cloneObservation(obsTemplate, patientId, when, random);
                list.add(obs);
                observations.put(obs.getIdElement().getIdPart(), obs);
                when = when.plus(30 + random.nextInt(60), ChronoUnit.DAYS);
            }
            byPatient.put(patientId, Collections.unmodifiableList(list));
        }
        return new SyntheaPopulation(Collections.unmodifiableMap(patients),
                Collections.unmodifiableMap(byPatient), Collections.unmodifiableMap(observations));
    }

    private static Observation cloneObservation(Observation template, String patientId,
            Instant when, Random random) {
        Observation obs = template.copy();
        obs.setId(new UUID(random.nextLong(), random.nextLong()).toString());
        obs.setSubject(new Reference("Patient/" + patientId));
        obs.setEncounter(null);
        obs.setEffective(new DateTimeType(java.util.Date.from(when)));
        obs.setIssuedElement(new InstantType(java.util.Date.from(when.plusSeconds(600))));
        obs.getValueQuantity().setValue(
                BigDecimal.valueOf(4.5 + random.nextDouble() * 3).setScale(2,
                        java.math.RoundingMode.HALF_UP));
        return obs;
    }

    private static <T extends Resource> T read(FhirContext context, String path, Class<T> type) {
        try (InputStream in = SyntheaPopulation.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return context.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the patient ids, in a stable order */
    public List<String> patientIds() {
        return List.copyOf(patients.keySet());
    }

    /** @return the patient with that id, or null */
    public Patient patient(String id) {
        return patients.get(id);
    }

    /** @return the patient's Observations, empty when none */
    public List<Observation> observationsOf(String patientId) {
        return observationsByPatient.getOrDefault(patientId, List.of());
    }

    /** @return the Observation with that id, or null */
    public Observation observation(String id) {
        return observations.get(id);
    }
}
