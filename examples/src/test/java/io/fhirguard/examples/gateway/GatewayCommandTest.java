package io.fhirguard.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayCommandTest {

    @Test
    void noUpstreamVariablesMeanNoUpstreamCredential() {
        UpstreamCredential credential = GatewayCommand.upstreamCredential(
                ExampleSettings.from(Map.of()));

        assertThat(credential.authorization()).isEmpty();
    }

    @Test
    void partialUpstreamCredentialSettingsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> GatewayCommand.upstreamCredential(
                ExampleSettings.from(Map.of(GatewayCommand.UPSTREAM_CLIENT_ID, "gw"))))
                .withMessageContaining("must be set together");
    }

    @Test
    void upstreamCredentialIsAClientCredentialsTokenFromTheConfiguredIssuer() {
        try (EmbeddedAuthorizationServer auth = EmbeddedAuthorizationServer.start(0,
                "http://127.0.0.1:9/fhir", false)) {
            UpstreamCredential credential = GatewayCommand.upstreamCredential(
                    ExampleSettings.from(Map.of(
                            GatewayCommand.UPSTREAM_ISSUER, auth.issuer().toString(),
                            GatewayCommand.UPSTREAM_CLIENT_ID, "gateway",
                            GatewayCommand.UPSTREAM_CLIENT_SECRET, "gateway-secret")));

            assertThat(credential.authorization()).hasValueSatisfying(value ->
                    assertThat(value).startsWith("Bearer eyJ"));
        }
    }
}
