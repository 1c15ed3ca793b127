package io.fhirguard.request;

import static io.fhirguard.request.RequestDescriptions.describe;
import static io.fhirguard.request.RequestDescriptions.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fhirguard.refusal.FhirGuardException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FhirRequestParserFormTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private static FhirRequest parse(RequestParserConfig config, String method, String path,
            String query, String contentType, byte[] body) {
        return FhirRequestParser.create(config)
                .parse(new RawRequest(method, path, query, contentType, body));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> formSearches() {
        return Stream.of(
                Arguments.of("Patient/_search", "_count=10", FORM,
                        "name=John+Smith&birthdate=ge1970-01-01",
                        "SEARCH_TYPE type=Patient "
                                + "params=[_count=10&name=John Smith&birthdate=ge1970-01-01]"),
                Arguments.of("Patient/_search", null, FORM + "; charset=UTF-8",
                        "name=Jos%C3%A9&name=a%2Bb",
                        "SEARCH_TYPE type=Patient params=[name=José&name=a+b]"),
                Arguments.of("Patient/1/Observation/_search", "category=laboratory", FORM,
                        "code=http%3A%2F%2Floinc.org%7C4548-4",
                        "SEARCH_COMPARTMENT type=Observation in=Patient/1 "
                                + "params=[category=laboratory&code=http://loinc.org|4548-4]"),
                Arguments.of("_search", null, FORM, "_type=Patient&_lastUpdated=gt2020",
                        "SEARCH_SYSTEM params=[_type=Patient&_lastUpdated=gt2020]"),
                Arguments.of("Patient/_search", "name=a", "APPLICATION/X-WWW-FORM-URLENCODED",
                        "name=b", "SEARCH_TYPE type=Patient params=[name=a&name=b]"),
                Arguments.of("Patient/_search", "name=a", null, "",
                        "SEARCH_TYPE type=Patient params=[name=a]"));
    }

    @ParameterizedTest(name = "POST {0} ? {1} body {3} -> {4}")
    @MethodSource("formSearches")
    void searchPostJoinsFormParametersAfterQueryParameters(String path, String query,
            String contentType, String body, String expected) {
        FhirRequest request = parse(RequestParserConfig.defaults(), "POST", path, query,
                contentType, ascii(body));

        assertThat(describe(request)).isEqualTo(expected);
    }

    static Stream<Arguments> refusedForms() {
        return Stream.of(
                Arguments.of("application/json", "name=a",
                        "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"),
                Arguments.of(null, "name=a", "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"),
                Arguments.of(FORM + "; charset=ISO-8859-1", "name=a",
                        "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"),
                Arguments.of(FORM, "a=1&name=%ZZ", "REQUEST_BAD_PERCENT_ENCODING@form[1] value"),
                Arguments.of(FORM, "a=1&b=%0A&=c",
                        "REQUEST_CONTROL_CHARACTER@form[1] value; "
                                + "REQUEST_EMPTY_PARAMETER_NAME@form[2] name"),
                Arguments.of(FORM, "name=%FF", "REQUEST_NOT_UTF8@form[0] value"));
    }

    @ParameterizedTest(name = "{0} body {1} -> {2}")
    @MethodSource("refusedForms")
    void badSearchFormBodyIsRefusedWithItsLocation(String contentType, String body,
            String expected) {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parse(RequestParserConfig.defaults(), "POST", "Patient/_search", null,
                        contentType, ascii(body)));

        assertThat(problems(e)).isEqualTo(expected);
    }

    @Test
    void rawNonAsciiByteInFormBodyIsRefused() {
        byte[] body = "name=José".getBytes(StandardCharsets.UTF_8);

        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parse(RequestParserConfig.defaults(), "POST", "Patient/_search", null,
                        FORM, body));

        assertThat(problems(e)).isEqualTo("REQUEST_BAD_PERCENT_ENCODING@form[0] value");
    }

    @Test
    void formBodyOverTheLimitGets413() {
        RequestParserConfig config = RequestParserConfig.builder().maxFormBodyBytes(16).build();

        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parse(config, "POST", "Patient/_search", null, FORM,
                        ascii("name=" + "a".repeat(12))));

        assertThat(e.status()).isEqualTo(413);
        assertThat(problems(e)).isEqualTo("REQUEST_BODY_TOO_LARGE@body");
    }

    @Test
    void unsupportedFormMediaTypeGets415() {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parse(RequestParserConfig.defaults(), "POST", "Patient/_search", null,
                        "text/plain", ascii("name=a")));

        assertThat(e.status()).isEqualTo(415);
    }

    @Test
    void bodyOfAGetSearchIsNotRead() {
        FhirRequest request = parse(RequestParserConfig.defaults(), "GET", "Patient/_search",
                "name=a", FORM, ascii("name=b"));

        assertThat(request.parameters().values("name")).containsExactly("a");
    }
}
