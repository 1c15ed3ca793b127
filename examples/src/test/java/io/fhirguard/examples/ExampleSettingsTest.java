package io.fhirguard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleSettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ExampleSettings settings = ExampleSettings.from(Map.of());

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.appPort()).isEqualTo(8081);
        assertThat(settings.upstreamTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.dataDir()).isEmpty();
        assertThat(settings.auditFile()).isEmpty();
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> ExampleSettings.from(Map.of(
                ExampleSettings.PORT, "80000",
                ExampleSettings.UPSTREAM_TIMEOUT, "soon",
                ExampleSettings.UPSTREAM, "not a url",
                ExampleSettings.ISSUER, "/relative")))
                .withMessageStartingWith("invalid settings (4): ")
                .withMessageContaining("FHIRGUARD_PORT='80000' is not a port")
                .withMessageContaining("FHIRGUARD_UPSTREAM_TIMEOUT='soon'")
                .withMessageContaining("FHIRGUARD_UPSTREAM='not a url'")
                .withMessageContaining("FHIRGUARD_ISSUER='/relative'");
    }

    @Test
    void blankVariablesCountAsUnset() {
        ExampleSettings settings = ExampleSettings.from(Map.of(ExampleSettings.ISSUER, "  ",
                ExampleSettings.PORT, ""));

        assertThat(settings.get(ExampleSettings.ISSUER)).isEmpty();
        assertThat(settings.port()).isEqualTo(8080);
    }

    @Test
    void timeoutAcceptsSecondsAndIsoDurations() {
        assertThat(ExampleSettings.from(Map.of(ExampleSettings.UPSTREAM_TIMEOUT, "3"))
                .upstreamTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ExampleSettings.from(Map.of(ExampleSettings.UPSTREAM_TIMEOUT, "PT0.5S"))
                .upstreamTimeout()).isEqualTo(Duration.ofMillis(500));
    }
}
