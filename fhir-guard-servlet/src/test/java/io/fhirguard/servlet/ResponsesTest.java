package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security headers, refusal formats, public paths, SMART discovery and CORS. */
class ResponsesTest {
    private static final String APP = "https://app.example.test";

    private static GuardedFhir stack;

    @BeforeAll
    static void start() throws Exception {
        stack = GuardedFhir.startBehindProxy(s -> s.corsAllowedOrigins(List.of(APP)));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        Http.Response r = Http.get(stack.url("Patient/" + FABIAN))
                .bearer(stack.patientToken(FABIAN)).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertThat(r.header("Pragma")).hasValue("no-cache");
        assertThat(r.header("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.header("X-Request-Id")).isPresent();
    }

    @Test
    void refusalsCarrySecurityHeadersToo() {
        Http.Response r = Http.get(stack.url("Patient/" + FABIAN)).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void hstsIsSentOnSecureRequestsOnly() {
        Http.Response secure = Http.get(stack.url("metadata"))
                .header("X-Forwarded-Proto", "https").send();
        Http.Response plain = Http.get(stack.url("metadata")).send();

        assertThat(secure.header("Strict-Transport-Security"))
                .hasValue("max-age=31536000; includeSubDomains");
        assertThat(plain.header("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void metadataIsPublic() {
        Http.Response r = Http.get(stack.url("metadata")).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("CapabilityStatement");
    }

    @Test
    void refusalIsXmlWhenAcceptAsksForXml() {
        Http.Response r = Http.get(stack.url("Patient/" + FABIAN))
                .header("Accept", "application/fhir+xml").send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/fhir+xml"));
        assertThat(r.body()).startsWith("<OperationOutcome").contains("token-missing");
    }

    @Test
    void refusalIsXmlWhenFormatParameterAsksForXml() {
        Http.Response r = Http.get(stack.url("Patient/" + FABIAN + "?_format=xml")).send();

        assertThat(r.header("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/fhir+xml"));
    }

    @Test
    void smartConfigurationHasTheRequiredFields() throws Exception {
        Http.Response r = Http.get(stack.url(".well-known/smart-configuration")).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.get("issuer").asText()).isEqualTo(stack.auth().issuer());
        assertThat(doc.get("jwks_uri").asText()).isEqualTo(stack.auth().jwksUri());
        assertThat(doc.get("authorization_endpoint").asText())
                .isEqualTo(stack.auth().authorizationEndpoint());
        assertThat(doc.get("token_endpoint").asText()).isEqualTo(stack.auth().tokenEndpoint());
        assertThat(doc.get("capabilities")).isNotEmpty();
        assertThat(doc.get("grant_types_supported").toString())
                .contains("authorization_code");
        assertThat(doc.get("code_challenge_methods_supported").toString())
                .isEqualTo("[\"S256\"]");
        assertThat(doc.has("scopes_supported")).isTrue();
    }

    @Test
    void smartConfigurationCarriesCorsHeaders() {
        Http.Response r = Http.get(stack.url(".well-known/smart-configuration"))
                .header("Origin", APP).send();

        assertThat(r.header("Access-Control-Allow-Origin")).hasValue(APP);
    }

    @Test
    void preflightFromAllowedOriginIsAnswered() {
        Http.Response r = Http.method("OPTIONS", stack.url("Observation")).header("Origin", APP)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").send();

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(r.header("Access-Control-Allow-Headers")).hasValueSatisfying(
                h -> assertThat(h).contains("Authorization"));
        assertThat(r.header("Access-Control-Allow-Methods")).hasValueSatisfying(
                h -> assertThat(h).contains("GET"));
        assertThat(r.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightFromOtherOriginGets403() {
        Http.Response r = Http.method("OPTIONS", stack.url("Observation"))
                .header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "GET").send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(r.body()).contains("cors-origin-not-allowed");
    }

    @Test
    void refusalToAllowedOriginCarriesCorsHeaders() {
        Http.Response r = Http.get(stack.url("Observation")).header("Origin", APP).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(r.header("Access-Control-Expose-Headers")).hasValueSatisfying(
                h -> assertThat(h).contains("WWW-Authenticate"));
    }
}
