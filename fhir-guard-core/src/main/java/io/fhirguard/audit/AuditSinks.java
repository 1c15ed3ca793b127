package io.fhirguard.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates audit sinks by name from string settings (as read from a properties file or the
 * environment), and combines sinks.
 *
 * <p>Built-in names and their settings:
 * <ul>
 *   <li>{@code json-lines}: {@code logger} ({@code true}/{@code false}, default {@code true}),
 *       {@code file} (a path; optional), {@code hash-chain} (default {@code false});</li>
 *   <li>{@code fhir-server}: {@code base} (required, https URL), {@code observer} (required),
 *       {@code batch-size} (default 50), {@code timeout-seconds} (default 10),
 *       {@code allow-http} (default {@code false}).</li>
 * </ul>
 * Any other name is looked up among the {@link AuditSinkProvider}s found by
 * {@link ServiceLoader} on the context class loader. For every name, {@code async=true} wraps the
 * sink in an {@link AsyncAuditSink}, with {@code async.capacity}, {@code async.overflow}
 * ({@code wait} or {@code drop}) and {@code async.wait-timeout-ms}. An unknown setting of a
 * built-in sink is an error, so a typo does not silently fall back to a default.
 *
 * @since 1.0
 */
public final class AuditSinks {
    private static final Set<String> JSON_KEYS = Set.of("logger", "file", "hash-chain");
    private static final Set<String> FHIR_KEYS =
            Set.of("base", "observer", "batch-size", "timeout-seconds", "allow-http");

    private AuditSinks() {
    }

    /**
     * Creates a sink by name.
     *
     * @param name {@code json-lines}, {@code fhir-server}, or a provider's name
     * @param settings the settings described above
     * @return a new sink
     * @throws IllegalArgumentException when the name is unknown (the message lists the known
     *     names) or settings are wrong (the message lists every problem)
     */
    public static AuditSink create(String name, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        AuditSink sink = switch (name) {
            case "json-lines" -> jsonLines(settings, problems);
            case "fhir-server" -> fhirServer(settings, problems);
            default -> provider(name).orElseThrow(() -> new IllegalArgumentException(
                    "audit sink '" + name + "' is unknown; known: " + names())).create(
                    withoutAsync(settings));
        };
        AuditSink result = async(sink, settings, problems);
        if (!problems.isEmpty()) {
            sink.close();
            throw new IllegalArgumentException("invalid settings for audit sink '" + name
                    + "':\n- " + String.join("\n- ", problems));
        }
        return result;
    }

    /**
     * Returns the names {@link #create} accepts: the built-ins and every provider found.
     *
     * @return the names, sorted
     */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(List.of("json-lines", "fhir-server"));
        ServiceLoader.load(AuditSinkProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Combines sinks: each event goes to every sink, in order, even when one fails.
     *
     * @param sinks the sinks
     * @return a sink that throws {@link AuditException} after trying all when any failed;
     *     closing it closes every sink
     */
    public static AuditSink composite(List<AuditSink> sinks) {
        List<AuditSink> all = List.copyOf(sinks);
        return new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                RuntimeException first = null;
                for (AuditSink sink : all) {
                    try {
                        sink.record(event);
                    } catch (RuntimeException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw new AuditException("audit event " + event.id()
                            + " not recorded by every sink", first);
                }
            }

            @Override
            public void close() {
                all.forEach(AuditSink::close);
            }
        };
    }

    private static AuditSink jsonLines(Map<String, String> settings, List<String> problems) {
        unknownKeys(settings, JSON_KEYS, problems);
        JsonLinesAuditSink.Builder b = JsonLinesAuditSink.builder()
                .logger(bool(settings, "logger", true, problems))
                .hashChain(bool(settings, "hash-chain", false, problems));
        Optional.ofNullable(settings.get("file")).ifPresent(f -> b.file(Path.of(f)));
        return b.build();
    }

    private static AuditSink fhirServer(Map<String, String> settings, List<String> problems) {
        unknownKeys(settings, FHIR_KEYS, problems);
        String base = settings.get("base");
        String observer = settings.get("observer");
        if (base == null || observer == null) {
            problems.add("base and observer: both are required");
            return event -> { };
        }
        return FhirServerAuditSink.builder(URI.create(base), FhirAuditEventMapper.of(observer))
                .batchSize(integer(settings, "batch-size", 50, problems))
                .timeout(Duration.ofSeconds(integer(settings, "timeout-seconds", 10, problems)))
                .allowHttp(bool(settings, "allow-http", false, problems))
                .build();
    }

    private static AuditSink async(AuditSink sink, Map<String, String> settings,
            List<String> problems) {
        if (!bool(settings, "async", false, problems)) {
            return sink;
        }
        String overflow = settings.getOrDefault("async.overflow", "wait");
        if (!overflow.equals("wait") && !overflow.equals("drop")) {
            problems.add("async.overflow: must be wait or drop, was '" + overflow + "'");
            return sink;
        }
        return AsyncAuditSink.builder(sink)
                .capacity(integer(settings, "async.capacity", 10_000, problems))
                .overflow(AsyncAuditSink.Overflow.valueOf(overflow.toUpperCase(Locale.ROOT)))
                .waitTimeout(Duration.ofMillis(
                        integer(settings, "async.wait-timeout-ms", 1_000, problems)))
                .build();
    }

    private static Optional<AuditSinkProvider> provider(String name) {
        for (AuditSinkProvider p : ServiceLoader.load(AuditSinkProvider.class)) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> withoutAsync(Map<String, String> settings) {
        return settings.entrySet().stream()
                .filter(e -> !e.getKey().equals("async") && !e.getKey().startsWith("async."))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        Map.Entry::getValue));
    }

    private static void unknownKeys(Map<String, String> settings, Set<String> known,
            List<String> problems) {
        new TreeSet<>(settings.keySet()).stream()
                .filter(k -> !known.contains(k) && !k.equals("async") && !k.startsWith("async."))
                .forEach(k -> problems.add(k + ": unknown setting; known: "
                        + new TreeSet<>(known)));
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback,
            List<String> problems) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            problems.add(key + ": must be true or false, was '" + v + "'");
            return fallback;
        }
        return Boolean.parseBoolean(v);
    }

    private static int integer(Map<String, String> settings, String key, int fallback,
            List<String> problems) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(key + ": must be a whole number, was '" + v + "'");
            return fallback;
        }
    }
}
