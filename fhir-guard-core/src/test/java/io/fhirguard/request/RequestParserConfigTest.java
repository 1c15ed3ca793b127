package io.fhirguard.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirVersionEnum;
import org.junit.jupiter.api.Test;

class RequestParserConfigTest {

    @Test
    void defaultsAreR4WithDocumentedLimitsAndNoServerBase() {
        RequestParserConfig config = RequestParserConfig.defaults();

        assertThat(config.fhirContext().getVersion().getVersion()).isEqualTo(FhirVersionEnum.R4);
        assertThat(config.maxPathLength()).isEqualTo(2048);
        assertThat(config.maxQueryLength()).isEqualTo(8192);
        assertThat(config.maxFormBodyBytes()).isEqualTo(65_536);
        assertThat(config.maxBundleBytes()).isEqualTo(10_485_760);
        assertThat(config.maxBundleEntries()).isEqualTo(1000);
        assertThat(config.serverBases()).isEmpty();
    }

    @Test
    void buildReportsEveryInvalidSettingAtOnce() {
        RequestParserConfig.Builder builder = RequestParserConfig.builder().maxPathLength(0)
                .maxQueryLength(-1).maxFormBodyBytes(0).maxBundleBytes(0).maxBundleEntries(0)
                .addServerBase("ftp://fhir.example.org/r4")
                .addServerBase("https://user@fhir.example.org/r4")
                .addServerBase("https://fhir.example.org/r4?x=1")
                .addServerBase("not a uri");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPathLength: 0 is not allowed; must be at least 1")
                .hasMessageContaining("maxQueryLength: -1 is not allowed; must be at least 1")
                .hasMessageContaining("maxFormBodyBytes: 0 is not allowed")
                .hasMessageContaining("maxBundleBytes: 0 is not allowed")
                .hasMessageContaining("maxBundleEntries: 0 is not allowed")
                .hasMessageContaining("serverBase 'ftp://fhir.example.org/r4': must be an http "
                        + "or https URL")
                .hasMessageContaining("serverBase 'https://user@fhir.example.org/r4'")
                .hasMessageContaining("serverBase 'https://fhir.example.org/r4?x=1'")
                .hasMessageContaining("serverBase 'not a uri': is not a URI");
    }

    @Test
    void serverBaseIsNormalized() {
        RequestParserConfig config = RequestParserConfig.builder()
                .addServerBase("HTTPS://FHIR.Example.org:443/r4/")
                .addServerBase("http://127.0.0.1:8080/fhir").build();

        assertThat(config.serverBases())
                .containsExactly("https://fhir.example.org/r4", "http://127.0.0.1:8080/fhir");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RequestParserConfig config = RequestParserConfig.builder().maxPathLength(10)
                .maxQueryLength(11).maxFormBodyBytes(12).maxBundleBytes(13).maxBundleEntries(14)
                .addServerBase("https://fhir.example.org/r4").build();

        RequestParserConfig copy = config.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.fhirContext()).isSameAs(config.fhirContext());
    }
}
