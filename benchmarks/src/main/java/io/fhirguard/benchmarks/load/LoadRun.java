package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The end-to-end load run: the same HAPI server with the same data on Jetty over loopback,
 * once bare and once behind fhir-guard, driven at the same concurrency for a
 * patient-compartment Observation search and a Patient read. Each target is warmed up for the
 * warm-up time, then measured in {@value #ROUNDS} alternating rounds that share the measured time
 * and request bound. Prints one line per target and scenario and the secured/bare ratios.
 *
 * <p>Options: {@code --warmup 5s --duration 15s --concurrency 8 --max-requests 2000000
 * --patients 50 --observations 20}.
 */
public final class LoadRun {
    /** Measured rounds per target and scenario; the measured time is split among them. */
    static final int ROUNDS = 4;

    private LoadRun() {
    }

    /**
     * Runs the load run.
     *
     * @param args options as in the class comment
     * @throws Exception when a server cannot start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        LoadGenerator.Settings settings = new LoadGenerator.Settings(
                Integer.parseInt(options.getOrDefault("concurrency", "8")),
                duration(options.getOrDefault("warmup", "5s")),
                duration(options.getOrDefault("duration", "15s")),
                Long.parseLong(options.getOrDefault("max-requests", "2000000")));
        int patients = Integer.parseInt(options.getOrDefault("patients", "50"));
        int observations = Integer.parseInt(options.getOrDefault("observations", "20"));

        FhirContext context = FhirContext.forR4Cached();
        SyntheaPopulation population = SyntheaPopulation.generate(context, patients, observations);
        List<Target> targets = new ArrayList<>();
        targets.add(Bare.start(context, population));
        targets.addAll(Secured.start(context, population));

        System.out.printf(Locale.ROOT, "load: %d patients x %d laboratory Observations,"
                + " concurrency %d, warm-up %s, measured %s, JDK HttpClient on 127.0.0.1%n",
                patients, observations, settings.concurrency(), settings.warmup(),
                settings.duration());
        try {
            for (Target target : targets) {
                check(context, target, population);
            }
            Map<String, LoadGenerator.Result> results = new LinkedHashMap<>();
            for (Scenario scenario : Scenario.values()) {
                measure(scenario, targets, population, settings, results);
            }
            printRatios(results, targets);
        } finally {
            for (Target t : targets) {
                t.close();
            }
        }
    }

    /**
     * Warms every target up, then measures them in alternating rounds (bare, secured, then
     * secured, bare, ...) so that drift on a shared machine falls on both alike.
     */
    private static void measure(Scenario scenario, List<Target> targets,
            SyntheaPopulation population, LoadGenerator.Settings settings,
            Map<String, LoadGenerator.Result> results) throws InterruptedException {
        LoadGenerator generator = new LoadGenerator();
        LoadGenerator.Settings warmup = new LoadGenerator.Settings(settings.concurrency(),
                Duration.ZERO, settings.warmup(), settings.maxRequests());
        LoadGenerator.Settings round = new LoadGenerator.Settings(settings.concurrency(),
                Duration.ZERO, settings.duration().dividedBy(ROUNDS),
                Math.max(1, settings.maxRequests() / ROUNDS));
        for (Target target : targets) {
            generator.run(requests(target, population, scenario), 200, warmup);
        }
        for (int r = 0; r < ROUNDS; r++) {
            List<Target> order = new ArrayList<>(targets);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Target target : order) {
                LoadGenerator.Result result = generator.run(
                        requests(target, population, scenario), 200, round);
                results.merge(scenario.label + " " + target.name(), result,
                        LoadGenerator.Result::plus);
            }
        }
        for (Target target : targets) {
            print(scenario, target, results.get(scenario.label + " " + target.name()));
        }
    }

    /** The two request shapes measured. */
    enum Scenario {
        SEARCH("search", (p) -> "Observation?patient=Patient%2F" + p
                + "&category=laboratory&code=http%3A%2F%2Floinc.org%7C4548-4"),
        READ("read", (p) -> "Patient/" + p);

        final String label;
        final Function<String, String> path;

        Scenario(String label, Function<String, String> path) {
            this.label = label;
            this.path = path;
        }
    }

    /**
     * Checks before timing that a target answers the search with the patient's full result, and
     * that a secured target refuses it without a token, so neither run times refusals.
     */
    static void check(FhirContext context, Target target, SyntheaPopulation population)
            throws Exception {
        String patient = population.patientIds().get(0);
        HttpRequest search = requests(target, population, Scenario.SEARCH).get(0);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(search, HttpResponse.BodyHandlers.ofString());
        int entries = answer.statusCode() != 200 ? -1 : context.newJsonParser()
                .parseResource(Bundle.class, answer.body()).getEntry().size();
        if (entries != population.observationsOf(patient).size()) {
            throw new IllegalStateException(target.name() + ": the check search got status "
                    + answer.statusCode() + " and " + entries + " entries, expected 200 and "
                    + population.observationsOf(patient).size());
        }
        if (target.authorization(patient).isPresent()) {
            HttpRequest anonymous = HttpRequest.newBuilder(search.uri()).GET().build();
            int status = client.send(anonymous, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 401) {
                throw new IllegalStateException(target.name() + ": a search without a token got "
                        + status + ", expected 401");
            }
        }
    }

    private static List<HttpRequest> requests(Target target, SyntheaPopulation population,
            Scenario scenario) {
        List<HttpRequest> list = new ArrayList<>();
        for (String patientId : population.patientIds()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(
                            target.base().resolve(scenario.path.apply(patientId)))
                    .header("Accept", "application/fhir+json")
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            target.authorization(patientId).ifPresent(a -> b.header("Authorization", a));
            list.add(b.build());
        }
        return list;
    }

    private static void print(Scenario scenario, Target target, LoadGenerator.Result r) {
        System.out.printf(Locale.ROOT, "load %-6s %-8s throughput=%.1f req/s p50=%.3f ms"
                + " p99=%.3f ms requests=%d errors=%d%n", scenario.label, target.name(),
                r.throughput(), r.p50().toNanos() / 1e6, r.p99().toNanos() / 1e6, r.requests(),
                r.errors());
    }

    private static void printRatios(Map<String, LoadGenerator.Result> results,
            List<Target> targets) {
        if (targets.size() < 2) {
            System.out.println("load ratio: no secured target ran, so no secured/bare ratio");
            return;
        }
        for (Scenario s : Scenario.values()) {
            LoadGenerator.Result bare = results.get(s.label + " bare");
            LoadGenerator.Result secured = results.get(s.label + " secured");
            System.out.printf(Locale.ROOT, "load ratio %-6s secured/bare throughput=%.3f"
                    + " p50=%.2fx p99=%.2fx%n", s.label, secured.throughput() / bare.throughput(),
                    (double) secured.p50().toNanos() / bare.p50().toNanos(),
                    (double) secured.p99().toNanos() / bare.p99().toNanos());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("duration: " + text + " needs a unit, ms or s");
    }

    /** A running server to load, with the credential to send for a patient. */
    interface Target extends AutoCloseable {
        String name();

        URI base();

        java.util.Optional<String> authorization(String patientId);
    }
}
