package io.fhirguard.examples.demo;

import java.util.Objects;

/**
 * One row of the demo's table: what was tried, what fhir-guard should answer and what it did.
 * Every number in it comes from a real HTTP exchange made by the demo.
 *
 * @param scenario what the row shows, such as {@code no token}
 * @param request the request sent, with patient ids replaced by their labels
 * @param expected the expected outcome, such as {@code 401} or {@code 200, 0 of B}
 * @param actualStatus the HTTP status received, or -1 when no answer came
 * @param results the number of resources returned or shown, or -1 when not applicable
 * @param passed whether the actual outcome matches the expected one
 * @param note a short remark on what was observed, such as {@code Retry-After: 60}
 * @since 1.0
 */
public record ScenarioResult(String scenario, String request, String expected,
        int actualStatus, int results, boolean passed, String note) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a text field is null
     */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(note, "note");
    }
}
