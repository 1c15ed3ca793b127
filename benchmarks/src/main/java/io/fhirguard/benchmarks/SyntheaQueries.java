package io.fhirguard.benchmarks;

import java.util.List;

/**
 * Request shapes a SMART app sends for Synthea patients: compartment searches with LOINC and
 * SNOMED codes, date ranges, result parameters and includes. The ids and codes are of the kind
 * Synthea generates (UUID patient ids, LOINC 4548-4 HbA1c, 8867-4 heart rate, SNOMED 38341003
 * hypertension); no real patient is named.
 */
public final class SyntheaQueries {
    /** A Synthea-style patient id (a UUID). */
    public static final String PATIENT_ID = "494743a2-fea5-4827-8f02-c2b91e4a4c9e";

    /** A second patient, for requests outside the token's compartment. */
    public static final String OTHER_PATIENT_ID = "1f99a0cb-594b-476a-b9cb-502594c1ee6b";

    /** Type-level searches, still percent-encoded as they arrive on the wire. */
    public static final List<String[]> SEARCHES = List.of(
            new String[] {"Observation",
                "patient=Patient%2F" + PATIENT_ID + "&category=laboratory"
                        + "&code=http%3A%2F%2Floinc.org%7C4548-4&date=ge2019-01-01"
                        + "&_sort=-date&_count=50"},
            new String[] {"Observation",
                "subject=Patient%2F" + PATIENT_ID + "&code=http%3A%2F%2Floinc.org%7C8867-4"
                        + ",http%3A%2F%2Floinc.org%7C8480-6&value-quantity=gt100"
                        + "&date=ge2020-01-01T00%3A00%3A00Z&date=lt2021-01-01"},
            new String[] {"Condition",
                "patient=" + PATIENT_ID + "&clinical-status=active"
                        + "&code=http%3A%2F%2Fsnomed.info%2Fsct%7C38341003&onset-date=le2020-06-30"},
            new String[] {"MedicationRequest",
                "patient=" + PATIENT_ID + "&status=active,completed&intent=order"
                        + "&_include=MedicationRequest%3Amedication&_count=20"},
            new String[] {"Encounter",
                "patient=" + PATIENT_ID + "&date=ge2015-01-01&class=AMB"
                        + "&_elements=id,status,period,type&_sort=date"});

    /** The number of parameters across {@link #SEARCHES}, for parameters-per-second figures. */
    public static final int SEARCH_PARAMETER_COUNT = countParameters();

    private SyntheaQueries() {
    }

    private static int countParameters() {
        int n = 0;
        for (String[] search : SEARCHES) {
            n += search[1].split("&").length;
        }
        return n;
    }
}
