package io.fhirguard.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The examples' own settings, read from {@code FHIRGUARD_*} variables given as a map (the process
 * environment in {@link Main}, a plain map in tests). The filter's settings, such as
 * {@code FHIRGUARD_ISSUER}, are read from the same map by the servlet module; this class holds
 * only what the example apps add. {@code docs/examples.md} lists every variable.
 *
 * <p>Immutable and thread-safe. {@link #from(Map)} reports every bad value at once.
 *
 * @since 1.0
 */
public final class ExampleSettings {
    /** Variable for the HTTP port of {@code serve} and {@code gateway}; default 8080. */
    public static final String PORT = "FHIRGUARD_PORT";
    /** Variable for a folder of FHIR Bundle JSON files to serve instead of the bundled data. */
    public static final String DATA_DIR = "FHIRGUARD_DATA_DIR";
    /** Variable for the audit log file (JSON lines); default a new file in the temp folder. */
    public static final String AUDIT_FILE = "FHIRGUARD_AUDIT_FILE";
    /** Variable for the trusted token issuer; unset starts the embedded authorization server. */
    public static final String ISSUER = "FHIRGUARD_ISSUER";
    /** Variable for the accepted token audience(s); default the server's own FHIR base URL. */
    public static final String AUDIENCE = "FHIRGUARD_AUDIENCE";
    /** Variable for the issuer's JWKS URL; default discovered from the issuer's metadata. */
    public static final String JWKS_URI = "FHIRGUARD_JWKS_URI";
    /** Variable for the FHIR base URL the {@code gateway} forwards to. */
    public static final String UPSTREAM = "FHIRGUARD_UPSTREAM";
    /** Variable for the gateway's upstream timeout; default 10 seconds. */
    public static final String UPSTREAM_TIMEOUT = "FHIRGUARD_UPSTREAM_TIMEOUT";
    /** Variable for the FHIR base URL the clients call; unset starts an embedded server. */
    public static final String FHIR_BASE = "FHIRGUARD_FHIR_BASE";
    /** Variable for the client id of {@code backend-client} and {@code oauth-flow}. */
    public static final String CLIENT_ID = "FHIRGUARD_CLIENT_ID";
    /** Variable for the private key (PEM or JWK file) of {@code backend-client}. */
    public static final String CLIENT_KEY_FILE = "FHIRGUARD_CLIENT_KEY_FILE";
    /** Variable for the patient id {@code backend-client} searches. */
    public static final String PATIENT = "FHIRGUARD_PATIENT";
    /** Variable for the port of the {@code oauth-flow} web app; default 8081. */
    public static final String APP_PORT = "FHIRGUARD_APP_PORT";

    private final Map<String, String> values;
    private final int port;
    private final int appPort;
    private final Duration upstreamTimeout;

    private ExampleSettings(Map<String, String> values, int port, int appPort,
            Duration upstreamTimeout) {
        this.values = values;
        this.port = port;
        this.appPort = appPort;
        this.upstreamTimeout = upstreamTimeout;
    }

    /**
     * Reads the settings from a map of variables; missing ones take their defaults.
     *
     * @param variables variable names to values, such as {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming every variable whose value is invalid
     */
    public static ExampleSettings from(Map<String, String> variables) {
        Map<String, String> values = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        List<String> problems = new ArrayList<>();
        int port = port(values, PORT, 8080, problems);
        int appPort = port(values, APP_PORT, 8081, problems);
        Duration timeout = duration(values, UPSTREAM_TIMEOUT, Duration.ofSeconds(10), problems);
        for (String name : List.of(ISSUER, JWKS_URI, UPSTREAM, FHIR_BASE)) {
            uri(values, name, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid settings (" + problems.size() + "): "
                    + String.join("; ", problems));
        }
        return new ExampleSettings(values, port, appPort, timeout);
    }

    /**
     * Returns every variable given, for handing on to the filter's own settings loader.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> variables() {
        return values;
    }

    /**
     * Returns one variable.
     *
     * @param name the variable name, such as {@code FHIRGUARD_ISSUER}
     * @return its value, or empty when unset or blank
     */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * Returns the HTTP port of {@code serve} and {@code gateway}; 0 picks a free port.
     *
     * @return the port, default 8080
     */
    public int port() {
        return port;
    }

    /**
     * Returns the port of the {@code oauth-flow} web app; 0 picks a free port.
     *
     * @return the port, default 8081
     */
    public int appPort() {
        return appPort;
    }

    /**
     * Returns how long the gateway waits for the upstream server's response.
     *
     * @return the timeout, default 10 seconds
     */
    public Duration upstreamTimeout() {
        return upstreamTimeout;
    }

    /**
     * Returns the data folder, when one is set.
     *
     * @return the folder, or empty to serve the bundled synthetic patients
     */
    public Optional<Path> dataDir() {
        return get(DATA_DIR).map(Path::of);
    }

    /**
     * Returns the audit file, when one is set.
     *
     * @return the file, or empty for a new file in the temp folder
     */
    public Optional<Path> auditFile() {
        return get(AUDIT_FILE).map(Path::of);
    }

    /**
     * Returns a URI-valued variable; it was checked to parse in {@link #from(Map)}.
     *
     * @param name the variable name
     * @return the URI, or empty when unset
     */
    public Optional<URI> uri(String name) {
        return get(name).map(URI::create);
    }

    private static int port(Map<String, String> values, String name, int fallback,
            List<String> problems) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + "='" + v + "' is not a port; use 0..65535");
        return fallback;
    }

    private static Duration duration(Map<String, String> values, String name, Duration fallback,
            List<String> problems) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            Duration d = v.trim().chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(v.trim())) : Duration.parse(v.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        problems.add(name + "='" + v + "' is not a positive duration; use seconds (10) or "
                + "ISO-8601 (PT10S)");
        return fallback;
    }

    private static void uri(Map<String, String> values, String name, List<String> problems) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return;
        }
        try {
            URI uri = new URI(v.trim());
            if (uri.isAbsolute() && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(name + "='" + v + "' is not an absolute http(s) URL");
    }
}
