package io.fhirguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.servlet.internal.SettingsLoader;
import io.fhirguard.servlet.support.AuthorizationServer;
import io.fhirguard.servlet.support.FhirTestServer;
import io.fhirguard.servlet.support.Http;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three configuration sources and their checks. */
class SettingsTest {

    @Test
    void buildListsEveryProblemAtOnce() {
        FhirGuardSettings.Builder b = FhirGuardSettings.builder().issuer("ftp://x")
                .clockSkew(Duration.ofHours(1)).realm("a\"b").corsAllowedOrigins(List.of(
                        "https://ok.test/path")).maxResponseBufferBytes(10)
                .revocationEndpointEnabled(true);

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(6)")
                .hasMessageContaining("issuer: 'ftp://x' must be an https URL")
                .hasMessageContaining("clockSkew: PT1H is outside 0 to 300 seconds")
                .hasMessageContaining("realm:")
                .hasMessageContaining("corsAllowedOrigins: 'https://ok.test/path'")
                .hasMessageContaining("maxResponseBufferBytes: 10 bytes is below the minimum")
                .hasMessageContaining("revocationAdminScope: required");
    }

    @Test
    void filterWithoutIssuerOrValidatorIsRefused() {
        FhirGuardSettings settings = FhirGuardSettings.builder().build();

        assertThatThrownBy(() -> FhirGuardFilter.builder().settings(settings).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer: required unless a tokenValidator is given")
                .hasMessageContaining("audience: required unless a tokenValidator is given");
    }

    @Test
    void environmentVariablesAndPropertiesAreReadWithPropertiesFirst() {
        Map<String, String> env = Map.of("FHIRGUARD_ISSUER", "https://env.example.test",
                "FHIRGUARD_AUDIENCE", "a, b", "FHIRGUARD_JWKS_URI", "https://env.example.test/k",
                "FHIRGUARD_MAX_RESPONSE_BUFFER_BYTES", "2MiB",
                "FHIRGUARD_CLIENT_RATE_LIMIT_PERIOD", "PT2S");
        Map<String, String> properties = Map.of("fhirguard.issuer", "https://prop.example.test");

        FhirGuardSettings s = FhirGuardSettings.fromSources(properties::get, env).build();

        assertThat(s.issuer()).hasValue("https://prop.example.test");
        assertThat(s.audience()).containsExactly("a", "b");
        assertThat(s.jwksUri()).hasValue(URI.create("https://env.example.test/k"));
        assertThat(s.maxResponseBufferBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(s.clientRateLimitPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unparseableEnvironmentValuesAreAllListed() {
        Map<String, String> env = Map.of("FHIRGUARD_CLOCK_SKEW", "soon",
                "FHIRGUARD_LENIENT_PARAMETERS", "maybe");

        assertThatThrownBy(() -> FhirGuardSettings.fromSources(n -> null, env))
                .hasMessageContaining("FHIRGUARD_CLOCK_SKEW: 'soon' is not a duration")
                .hasMessageContaining("FHIRGUARD_LENIENT_PARAMETERS: 'maybe' is not true or false");
    }

    @Test
    void namesAreDerivedFromOneCamelCaseName() {
        assertThat(SettingsLoader.environmentName("jwksUri")).isEqualTo("FHIRGUARD_JWKS_URI");
        assertThat(SettingsLoader.propertyName("jwksUri")).isEqualTo("fhirguard.jwksUri");
        assertThat(SettingsLoader.names()).contains("issuer", "audience", "jwksUri",
                "maxResponseBufferBytes", "revocationAdminScope");
    }

    @Test
    void filterConfiguredByInitParametersServes() throws Exception {
        try (AuthorizationServer auth = new AuthorizationServer();
                FhirTestServer server = FhirTestServer.start(new FhirGuardFilter(), Map.of(
                        "issuer", auth.issuer(), "audience", AuthorizationServer.AUDIENCE,
                        "jwksUri", auth.jwksUri()), List.of())) {
            String token = auth.token("u").patient(io.fhirguard.servlet.support.SyntheaData.FABIAN)
                    .scope("patient/Patient.rs").issue();

            Http.Response ok = Http.get(URI.create(server.base() + "/Patient/"
                    + io.fhirguard.servlet.support.SyntheaData.FABIAN)).bearer(token).send();
            Http.Response refused = Http.get(URI.create(server.base() + "/Patient")).send();

            assertThat(ok.status()).isEqualTo(200);
            assertThat(refused.status()).isEqualTo(401);
        }
    }
}
