package io.fhirguard.servlet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.servlet.FhirGuardSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code .well-known/smart-configuration} (SMART App Launch 2.x, "Metadata"): endpoints
 * from the configuration or, where not configured, from the authorization server's metadata
 * document, plus the capabilities, grant types and scopes from the configuration.
 * {@code code_challenge_methods_supported} is always exactly {@code ["S256"]}.
 *
 * <p>A fetched metadata document is kept for one hour. A failed fetch is retried at most every
 * ten seconds; meanwhile, and whenever no token endpoint is known, requests get 503
 * {@code discovery-unavailable}. HTTP timeouts: 2 s to connect, 5 s for the answer; at most
 * 256 KiB is read; redirects are not followed. Thread-safe.
 */
public final class SmartConfigurationEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SmartConfigurationEndpoint.class);
    private static final Duration KEEP = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final int MAX_BYTES = 256 * 1024;
    private static final List<String> COPIED = List.of("token_endpoint_auth_methods_supported",
            "registration_endpoint", "introspection_endpoint", "revocation_endpoint",
            "management_endpoint", "userinfo_endpoint");

    // What fhir-guard's scope grammar understands; used when neither the configuration nor the
    // authorization server names its scopes.
    private static final List<String> DEFAULT_SCOPES = List.of("openid", "fhirUser", "launch",
            "launch/patient", "offline_access", "online_access", "patient/*.rs", "user/*.rs",
            "system/*.rs");

    private final FhirGuardSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private JsonNode metadata;
    private Instant fetchedAt = Instant.MIN;
    private Instant failedAt = Instant.MIN;

    /**
     * Creates the endpoint.
     *
     * @param settings where the configured values come from
     * @param clock the clock for the cache
     */
    public SmartConfigurationEndpoint(FhirGuardSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Builds the discovery document.
     *
     * @return the JSON bytes
     * @throws FhirGuardException 503 {@code discovery-unavailable} when no token endpoint is
     *     configured or discovered
     */
    public byte[] render() {
        JsonNode meta = metadata().orElse(json.createObjectNode());
        ObjectNode out = json.createObjectNode();
        put(out, "issuer", settings.issuer().orElse(null), meta);
        put(out, "jwks_uri", settings.jwksUri().map(URI::toString).orElse(null), meta);
        put(out, "authorization_endpoint",
                settings.smartAuthorizationEndpoint().map(URI::toString).orElse(null), meta);
        put(out, "token_endpoint",
                settings.smartTokenEndpoint().map(URI::toString).orElse(null), meta);
        if (!out.hasNonNull("token_endpoint")) {
            throw FhirGuardException.of(Reason.DISCOVERY_UNAVAILABLE,
                    "The authorization server's metadata is not available");
        }
        COPIED.forEach(name -> {
            if (meta.hasNonNull(name)) {
                out.set(name, meta.get(name));
            }
        });
        array(out, "grant_types_supported", settings.smartGrantTypes());
        List<String> scopes = settings.smartScopesSupported();
        if (!scopes.isEmpty()) {
            array(out, "scopes_supported", scopes);
        } else if (meta.has("scopes_supported")) {
            out.set("scopes_supported", meta.get("scopes_supported"));
        } else {
            array(out, "scopes_supported", DEFAULT_SCOPES);
        }
        array(out, "response_types_supported", List.of("code"));
        array(out, "capabilities", settings.smartCapabilities());
        // SMART 2.x requires S256 and forbids advertising plain.
        array(out, "code_challenge_methods_supported", List.of("S256"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void put(ObjectNode out, String name, String configured, JsonNode meta) {
        if (configured != null) {
            out.put(name, configured);
        } else if (meta.hasNonNull(name) && meta.get(name).isTextual()) {
            out.put(name, meta.get(name).asText());
        }
    }

    private static void array(ObjectNode out, String name, List<String> values) {
        ArrayNode a = out.putArray(name);
        values.forEach(a::add);
    }

    private synchronized Optional<JsonNode> metadata() {
        Instant now = clock.instant();
        Optional<URI> source = settings.smartDiscoveryUri();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        boolean fresh = metadata != null && now.isBefore(fetchedAt.plus(KEEP));
        if (fresh || now.isBefore(failedAt.plus(RETRY))) {
            return Optional.ofNullable(metadata);
        }
        try {
            metadata = fetch(source.get());
            fetchedAt = now;
            log.info("SMART discovery read authorization server metadata");
        } catch (IOException | RuntimeException e) {
            failedAt = now;
            log.error("SMART discovery failed to read authorization server metadata: {}",
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failedAt = now;
        }
        return Optional.ofNullable(metadata);
    }

    private JsonNode fetch(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("metadata answered HTTP " + response.statusCode());
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("metadata larger than " + MAX_BYTES + " bytes");
            }
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IOException("metadata is not a JSON object");
            }
            return node;
        }
    }
}
