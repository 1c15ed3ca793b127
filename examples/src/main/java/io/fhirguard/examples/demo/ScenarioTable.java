package io.fhirguard.examples.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints the demo's scenario table as fixed-width text.
 *
 * @since 1.0
 */
public final class ScenarioTable {
    private static final int SCENARIO = 36;
    private static final int REQUEST = 58;

    private ScenarioTable() {
    }

    /**
     * Prints a header, one line per result (with its note on the next line when there is one)
     * and a summary line.
     *
     * @param results the rows, in order
     * @param out where to print
     */
    public static void print(List<ScenarioResult> results, PrintStream out) {
        String format = "%-3s %-" + SCENARIO + "s %-" + REQUEST + "s %-14s %-6s %-7s %s%n";
        out.printf(format, "#", "Scenario", "Request", "Expected", "Actual", "Results", "");
        out.println("-".repeat(3 + SCENARIO + REQUEST + 14 + 6 + 7 + 11));
        int n = 0;
        for (ScenarioResult r : results) {
            n++;
            out.printf(format, n, cut(r.scenario(), SCENARIO), cut(r.request(), REQUEST),
                    r.expected(), r.actualStatus() < 0 ? "-" : Integer.toString(r.actualStatus()),
                    r.results() < 0 ? "-" : Integer.toString(r.results()),
                    r.passed() ? "PASS" : "FAIL");
            if (!r.note().isEmpty()) {
                out.printf("%-3s %s%n", "", "  " + r.note());
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println();
        out.printf("%d scenarios, %d passed, %d failed%n", results.size(),
                results.size() - failed, failed);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
