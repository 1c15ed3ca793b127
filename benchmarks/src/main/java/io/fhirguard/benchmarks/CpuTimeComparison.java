package io.fhirguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * fhir-guard and its baselines measured in interleaved slices of thread CPU time, for a machine
 * that other work shares. JMH runs one benchmark after another, so on a busy machine a ratio of
 * two JMH scores compares two different moments. Here every task runs for a short slice in
 * turn, round after round, and each slice's cost is the measuring thread's own CPU time (not
 * wall time) per operation; the figure per task is the median over rounds, and each ratio is
 * the median of the ratios of slices taken in the same round. CPU time per operation is also
 * the honest base for "per core" figures.
 *
 * <p>Thread CPU time leaves out the garbage collector's and the JIT compiler's threads, so code
 * that allocates more looks a little cheaper here than under JMH's wall clock; read both.
 *
 * <p>Prints one {@code cpu} line per task and one {@code cpu ratio} line per comparison.
 * Options: {@code --rounds 12 --slice-ms 100}.
 */
public final class CpuTimeComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Blackhole SINK = new Blackhole("Today's password is swordfish. I"
            + " understand instantiating Blackholes directly is dangerous.");

    /** One measured operation and how many units (parameters, decisions) it stands for. */
    private record Task(String name, Callable<Object> op, int units, String unit) {
    }

    private CpuTimeComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args options as in the class comment
     * @throws Exception when a setup fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "12"));
        long sliceNanos = Long.parseLong(options.getOrDefault("--slice-ms", "100")) * 1_000_000L;
        if (rounds < 1 || rounds > 1000 || sliceNanos < 1_000_000L) {
            throw new IllegalArgumentException("--rounds must be 1..1000 and --slice-ms at least 1");
        }
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read thread CPU time");
        }
        List<Task> tasks = tasks();
        for (int w = 0; w < 3; w++) {
            for (Task t : tasks) {
                slice(t, sliceNanos);
            }
        }
        Map<String, double[]> perRound = new LinkedHashMap<>();
        for (Task t : tasks) {
            perRound.put(t.name(), new double[rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (Task t : tasks) {
                perRound.get(t.name())[r] = slice(t, sliceNanos);
            }
        }

        System.out.printf(Locale.ROOT, "cpu: %d rounds of %d ms slices per task, thread CPU"
                + " time, median over rounds%n", rounds, sliceNanos / 1_000_000);
        for (Task t : tasks) {
            double ns = median(perRound.get(t.name()));
            System.out.printf(Locale.ROOT, "cpu %-28s %12.1f ns/op %14.0f %s per core-second%n",
                    t.name(), ns, t.units() * 1e9 / ns, t.unit());
        }
        for (String alg : List.of("RS256", "PS256", "ES256", "HS256")) {
            ratio(perRound, "cold-" + alg + "-fhir-guard", "cold-" + alg + "-jose4j");
            ratio(perRound, "cold-" + alg + "-fhir-guard", "cold-" + alg + "-nimbus");
        }
    }

    private static List<Task> tasks() throws Exception {
        List<Task> tasks = new ArrayList<>();
        for (String alg : List.of("RS256", "PS256", "ES256", "HS256")) {
            JwtValidationBenchmark b = new JwtValidationBenchmark();
            b.alg = alg;
            b.setUp();
            tasks.add(new Task("cold-" + alg + "-fhir-guard", b::fhirGuardCold, 1, "tokens"));
            tasks.add(new Task("cold-" + alg + "-jose4j", b::bareJose4j, 1, "tokens"));
            tasks.add(new Task("cold-" + alg + "-nimbus", b::bareNimbus, 1, "tokens"));
        }
        WarmValidationBenchmark warm = new WarmValidationBenchmark();
        warm.setUp();
        tasks.add(new Task("warm-RS256-fhir-guard", warm::fhirGuardWarm, 1, "tokens"));

        SanitizerBenchmark sanitizer = new SanitizerBenchmark();
        sanitizer.setUp();
        tasks.add(new Task("sanitizer", () -> {
            sanitizer.validate(SINK);
            return null;
        }, SanitizerBenchmark.PARAMETERS, "parameters"));

        for (String shape : List.of("search", "narrowed", "read")) {
            AuthorizationBenchmark d = new AuthorizationBenchmark();
            d.shape = shape;
            d.setUp();
            tasks.add(new Task("decision-" + shape, d::decide, 1, "decisions"));
        }
        ResponseCheckBenchmark check = new ResponseCheckBenchmark();
        check.entries = "own";
        check.setUp();
        tasks.add(new Task("response-check-100-entries", check::filter, 1, "bundles"));

        for (boolean chain : new boolean[] {false, true}) {
            AuditBenchmark audit = new AuditBenchmark();
            audit.hashChain = chain;
            audit.setUp();
            tasks.add(new Task("audit-json-line" + (chain ? "-hash-chain" : ""), () -> {
                audit.jsonLinesRecord();
                return null;
            }, 1, "events"));
        }

        RequestParserBenchmark parser = new RequestParserBenchmark();
        parser.shape = "observation-search";
        parser.setUp();
        tasks.add(new Task("parser-observation-search", parser::parse, 1, "requests"));
        return tasks;
    }

    /** Runs the task for about one slice of wall time; returns its CPU nanoseconds per op. */
    private static double slice(Task task, long sliceNanos) throws Exception {
        long ops = 0;
        long wallEnd = System.nanoTime() + sliceNanos;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        do {
            for (int i = 0; i < 8; i++) {
                SINK.consume(task.op().call());
            }
            ops += 8;
        } while (System.nanoTime() < wallEnd);
        return (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) ops;
    }

    private static void ratio(Map<String, double[]> perRound, String a, String b) {
        double[] x = perRound.get(a);
        double[] y = perRound.get(b);
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] / y[i];
        }
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "cpu ratio %s / %s = %.3f (rounds: min %.3f, max %.3f)%n",
                a, b, median(r), sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
