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
        s.printTokens();
        s.printThroughputs();
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

    private void printTokens() {
        for (String alg : List.of("RS256", "PS256", "ES256", "HS256")) {
            Optional<Double> guard = score("JwtValidationBenchmark.fhirGuardCold alg=" + alg);
            Optional<Double> jose4j = score("JwtValidationBenchmark.bareJose4j alg=" + alg);
            Optional<Double> nimbus = score("JwtValidationBenchmark.bareNimbus alg=" + alg);
            if (guard.isEmpty() || jose4j.isEmpty()) {
                System.out.println("cold " + alg + ": incomplete (fhir-guard or jose4j missing)");
                continue;
            }
            double vsJose4j = guard.get() / jose4j.get();
            System.out.printf(Locale.ROOT, "cold %s: fhir-guard %.1f us, bare jose4j %.1f us,"
                    + " bare Nimbus %s; fhir-guard/jose4j %.2f%n", alg, guard.get(), jose4j.get(),
                    nimbus.map(n -> String.format(Locale.ROOT, "%.1f us", n)).orElse("missing"),
                    vsJose4j);
            if (alg.equals("RS256")) {
                target("cold RS256 / bare jose4j", vsJose4j, "<=", 1.1);
            }
        }
        score("WarmValidationBenchmark.fhirGuardWarm").ifPresent(ns -> {
            System.out.printf(Locale.ROOT, "warm validation: %.0f ns/op%n", ns);
            target("warm validation ns/op", ns, "<=", 1000);
        });
    }

    private void printThroughputs() {
        score("SanitizerBenchmark.validate").ifPresent(p -> {
            System.out.printf(Locale.ROOT, "sanitizer: %.2f M parameters/s (one thread)%n", p / 1e6);
            target("sanitizer M parameters/s per core", p / 1e6, ">=", 2);
        });
        jmh.keySet().stream().filter(k -> k.startsWith("AuthorizationBenchmark.decide"))
                .forEach(k -> {
                    double d = jmh.get(k).get("score").asDouble();
                    System.out.printf(Locale.ROOT, "decision %s: %.2f M/s (one thread)%n",
                            k.substring(k.indexOf(' ') + 1), d / 1e6);
                    target("decisions M/s per core (" + k.substring(k.indexOf(' ') + 1) + ")",
                            d / 1e6, ">=", 1);
                });
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
