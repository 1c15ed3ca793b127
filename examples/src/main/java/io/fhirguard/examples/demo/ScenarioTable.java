package io.fhirguard.examples.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints the demo's scenario table as fixed-width text.
 *
 * @since 1.0
 */
public final class ScenarioTable {
    private static final int SCENARIO = 40;

    private ScenarioTable() {
    }

    /**
     * Prints a header, one line per result followed by its request and, when there is one, its
     * note, and a summary line.
     *
     * @param results the rows, in order
     * @param out where to print
     */
    public static void print(List<ScenarioResult> results, PrintStream out) {
        String format = "%-3s %-" + SCENARIO + "s %-13s %-7s %-8s %s%n";
        out.printf(format, "#", "Scenario", "Expected", "Actual", "Results", "");
        out.println("-".repeat(3 + SCENARIO + 13 + 7 + 8 + 9));
        int n = 0;
        for (ScenarioResult r : results) {
            n++;
            out.printf(format, n, r.scenario(), r.expected(),
                    r.actualStatus() < 0 ? "-" : Integer.toString(r.actualStatus()),
                    r.results() < 0 ? "-" : Integer.toString(r.results()),
                    r.passed() ? "PASS" : "FAIL");
            out.println("    " + r.request());
            if (!r.note().isEmpty()) {
                out.println("    " + r.note());
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println();
        out.printf("%d scenarios, %d passed, %d failed%n", results.size(),
                results.size() - failed, failed);
    }
}
