package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.config;
import static io.fhirguard.sanitize.Fixtures.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class SanitizerConfigTest {

    @Test
    void defaultsAreTheSafeOnes() {
        SanitizerConfig c = config().build();

        assertThat(c.unknownParameterMode()).isEqualTo(UnknownParameterMode.STRICT);
        assertThat(c.maxCount()).isEqualTo(100);
        assertThat(c.maxParameters()).isEqualTo(50);
        assertThat(c.maxValuesPerParameter()).isEqualTo(20);
        assertThat(c.maxValueLength()).isEqualTo(1024);
        assertThat(c.maxQueryLength()).isEqualTo(8192);
        assertThat(c.allowedFormats()).isEqualTo(SanitizerConfig.DEFAULT_FORMATS);
        assertThat(c.allowedReferenceBases()).isEmpty();
        assertThat(c.isWildcardIncludeAllowed()).isFalse();
    }

    @Test
    void buildReportsEveryBadSettingAtOnce() {
        SanitizerConfig.Builder b = SanitizerConfig.builder().maxCount(0).maxParameters(-1)
                .maxValuesPerParameter(0).maxValueLength(0).maxQueryLength(0)
                .allowedReferenceBases(List.of("ftp://x", "https://ok.example/fhir?q=1"));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid SanitizerConfig: fhirContext: required, an R4 FhirContext;"
                        + " maxCount: was 0, must be at least 1;"
                        + " maxParameters: was -1, must be at least 1;"
                        + " maxValuesPerParameter: was 0, must be at least 1;"
                        + " maxValueLength: was 0, must be at least 1;"
                        + " maxQueryLength: was 0, must be at least 1;"
                        + " allowedReferenceBases: 'ftp://x', must be an absolute http or https"
                        + " URL without query or fragment;"
                        + " allowedReferenceBases: 'https://ok.example/fhir?q=1', must be an"
                        + " absolute http or https URL without query or fragment");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        SanitizerConfig original = config().unknownParameterMode(UnknownParameterMode.LENIENT)
                .maxCount(7).maxParameters(8).maxValuesPerParameter(9).maxValueLength(10)
                .maxQueryLength(11).allowedFormats(java.util.Set.of("json"))
                .allowedReferenceBases(List.of("https://a.example/fhir/"))
                .wildcardIncludeAllowed(true).build();

        SanitizerConfig copy = original.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        assertThat(copy.allowedReferenceBases()).containsExactly("https://a.example/fhir");
    }

    @Test
    void absoluteReferenceUnderAnAllowedBasePasses() {
        SearchParameterValidator validator = SearchParameterValidator.create(config()
                .allowedReferenceBases(List.of("https://fhir.example.org/r4/")).build());

        assertThat(validator.validate("Observation",
                query("subject=https://fhir.example.org/r4/Patient/1")).warnings()).isEmpty();
        assertThat(Fixtures.refusal(validator, "Observation",
                query("subject=https://fhir.example.org/r4x/Patient/1")).reason())
                .isEqualTo(Reason.PARAM_ABSOLUTE_REFERENCE_REFUSED);
        assertThat(Fixtures.refusal(validator, "Observation",
                query("subject=https://fhir.example.org/r4/Patient/1/x")).reason())
                .isEqualTo(Reason.PARAM_INVALID_REFERENCE);
        assertThat(Fixtures.refusal(validator, "Observation",
                query("subject=https://fhir.example.org/r4/1")).reason())
                .isEqualTo(Reason.PARAM_INVALID_REFERENCE);
    }

    @Test
    void configuredLimitsAreEnforced() {
        SearchParameterValidator validator = SearchParameterValidator.create(config()
                .maxParameters(2).maxValuesPerParameter(2).maxValueLength(8).build());

        assertThat(Fixtures.refusal(validator, "Observation",
                query("code=a", "code=b", "code=c")).reason()).isEqualTo(Reason.PARAM_TOO_MANY);
        assertThat(Fixtures.refusal(validator, "Observation", query("code=a,b,c")).reason())
                .isEqualTo(Reason.PARAM_TOO_MANY_VALUES);
        assertThat(Fixtures.refusal(validator, "Observation", query("code=123456789"))
                .reason()).isEqualTo(Reason.PARAM_VALUE_TOO_LONG);
    }

    @Test
    void sanitizedParametersToStringMasksValues() {
        SanitizedParameters result = Fixtures.STRICT.validate("Observation",
                query("patient=Patient/p-42"));

        assertThat(result.toString()).doesNotContain("p-42").contains("patient=***");
    }
}
