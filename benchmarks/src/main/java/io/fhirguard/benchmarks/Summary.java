package io.fhirguard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one run's results ({@code jmh.json}, {@code memory.txt}, {@code load.txt}) and prints
 * the headline ratios and figures beside the targets of the benchmark issue, each marked met or
 * not met. Missing results are reported as missing, never guessed.
 */
public final class Summary {
    private final Map<String, JsonNode> jmh = new LinkedHashMap<>();

    private Summary(JsonNode results) {
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            name = name.substring("io.fhirguard.benchmarks.".length());
            StringBuilder key = new StringBuilder(name);
            r.path("params").fields().forEachRemaining(e ->
                    key.append(' ').append(e.getKey()).append('=').append(e.getValue().asText()));
            jmh.put(key.toString(), r.get("primaryMetric"));
        }
    }

    /**
     * Prints the summary.
     *
     * @param args the results directory
     * @throws IOException when a result file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results");
        Path json = dir.resolve("jmh.json");
        Summary s = new Summary(Files.exists(json)
                ? new ObjectMapper().readTree(json.toFile()) : new ObjectMapper().createArrayNode());
        System.out.println("== fhir-guard benchmark summary (" + dir + ")");
        s.printLoad(dir.resolve("load.txt"));
        lines(dir.resolve("profile.txt"), "profile").forEach(System.out::println);
        s.printCpu(dir.resolve("cpu.txt"));
        s.printJmhHeadlines();
        s.printLines(dir.resolve("memory.txt"), "memory ");
        s.printAll();
    }

    private void printLoad(Path load) throws IOException {
        List<String> ratios = lines(load, "load ratio");
        if (ratios.isEmpty()) {
            System.out.println("secured/bare: no load run result");
        }
        for (String line : ratios) {
            System.out.println(line);
            Optional<Double> t = number(line, "throughput=");
            if (line.contains("search") && t.isPresent()) {
                target("secured/bare search throughput", t.get(), ">=", 0.95);
            }
        }
    }

    private void printCpu(Path cpu) throws IOException {
        List<String> lines = lines(cpu, "cpu");
        if (lines.isEmpty()) {
            System.out.println("cpu: no interleaved CPU-time result");
            return;
        }
        for (String line : lines) {
            System.out.println(line);
            if (line.startsWith("cpu ratio cold-RS256-fhir-guard / cold-RS256-jose4j")) {
                number(line, "= ").ifPresent(r -> target("cold RS256 / bare jose4j (CPU)", r,
                        "<=", 1.1));
            }
            perCore(line, "cpu warm-RS256-fhir-guard").ifPresent(ns ->
                    target("warm validation CPU ns/op", ns, "<=", 1000));
            perSecond(line, "cpu sanitizer").ifPresent(p ->
                    target("sanitizer M parameters per core-second", p / 1e6, ">=", 2));
            perSecond(line, "cpu decision-").ifPresent(d ->
                    target("decisions M per core-second (" + line.split("\\s+")[1] + ")",
                            d / 1e6, ">=", 1));
        }
    }

    private void printJmhHeadlines() {
        for (String alg : List.of("RS256", "PS256", "ES256", "HS256")) {
            Optional<Double> guard = score("JwtValidationBenchmark.fhirGuardCold alg=" + alg);
            Optional<Double> jose4j = score("JwtValidationBenchmark.bareJose4j alg=" + alg);
            if (guard.isPresent() && jose4j.isPresent()) {
                System.out.printf(Locale.ROOT, "jmh cold %s: fhir-guard/jose4j %.2f (wall clock,"
                        + " benchmarks run one after another)%n", alg, guard.get() / jose4j.get());
            }
        }
        score("WarmValidationBenchmark.fhirGuardWarm").ifPresent(ns ->
                System.out.printf(Locale.ROOT, "jmh warm validation: %.0f ns/op (wall clock)%n",
                        ns));
        score("SanitizerBenchmark.validate").ifPresent(p ->
                System.out.printf(Locale.ROOT, "jmh sanitizer: %.2f M parameters/s (wall clock,"
                        + " one thread)%n", p / 1e6));
    }

    /** A {@code cpu <task> <ns> ns/op <n> <unit> per core-second} line's nanoseconds. */
    private static Optional<Double> perCore(String line, String prefix) {
        return word(line, prefix, 2);
    }

    /** The same line's units per core-second. */
    private static Optional<Double> perSecond(String line, String prefix) {
        return word(line, prefix, 4);
    }

    private static Optional<Double> word(String line, String prefix, int index) {
        if (!line.startsWith(prefix) || !line.contains("per core-second")) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(line.trim().split("\\s+")[index]));
    }

    private void printLines(Path file, String prefix) throws IOException {
        List<String> found = lines(file, prefix);
        if (found.isEmpty()) {
            System.out.println(prefix.trim() + ": no result");
        }
        for (String line : found) {
            System.out.println(line);
            if (line.contains("rate-limit key flood")) {
                number(line, "growth=").ifPresent(mib ->
                        target("key-flood heap growth MiB", mib, "<=", 64));
            }
        }
    }

    private void printAll() {
        System.out.println("-- every JMH result");
        jmh.forEach((k, m) -> System.out.printf(Locale.ROOT, "%-70s %14.3f ± %10.3f %s%n", k,
                m.get("score").asDouble(), m.path("scoreError").asDouble(Double.NaN),
                m.get("scoreUnit").asText()));
    }

    private Optional<Double> score(String key) {
        return Optional.ofNullable(jmh.get(key)).map(m -> m.get("score").asDouble());
    }

    private static void target(String what, double value, String op, double limit) {
        boolean met = op.equals("<=") ? value <= limit : value >= limit;
        System.out.printf(Locale.ROOT, "  target %s %s %s: %.3f -> %s%n", what, op,
                limit, value, met ? "met" : "NOT met");
    }

    private static List<String> lines(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private static Optional<Double> number(String line, String label) {
        int at = line.indexOf(label);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = line.substring(at + label.length()).split("[^0-9.]", 2)[0];
        return rest.isEmpty() ? Optional.empty() : Optional.of(Double.parseDouble(rest));
    }
}
