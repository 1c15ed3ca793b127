package io.fhirguard.request;

import static io.fhirguard.request.RequestDescriptions.describe;
import static io.fhirguard.request.RequestDescriptions.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.util.UrlUtil;
import io.fhirguard.refusal.FhirGuardException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests that HAPI FHIR's own query parsing ({@link UrlUtil#parseQueryString}, which
 * RestfulServer applies to the query and to a form body) reads differently from a plain
 * form-decoder. Each test first shows HAPI's reading, then that ours matches it or refuses.
 */
class FhirRequestParserHapiDifferentialTest {

    private static FhirRequestParser parser() {
        return FhirRequestParser.create(RequestParserConfig.defaults());
    }

    private static FhirGuardException refusal(RawRequest raw) {
        return catchThrowableOfType(FhirGuardException.class, () -> parser().parse(raw));
    }

    @Test
    void queryStartingWithQuestionMarkIsRefusedBecauseHapiDropsIt() {
        String query = "?_has:Observation:patient:code=1234";

        FhirGuardException e = refusal(new RawRequest("GET", "Patient", query, null, null));

        assertThat(UrlUtil.parseQueryString(query)).containsKey("_has:Observation:patient:code");
        assertThat(e).isNotNull();
        assertThat(problems(e)).isEqualTo("REQUEST_AMBIGUOUS_PARAMETER@parameter[0] name");
    }

    @Test
    void formBodyStartingWithQuestionMarkIsRefusedBecauseHapiDropsIt() {
        byte[] body = "?_include=*".getBytes(StandardCharsets.US_ASCII);

        FhirGuardException e = refusal(new RawRequest("POST", "Patient/_search", null,
                "application/x-www-form-urlencoded", body));

        assertThat(UrlUtil.parseQueryString("?_include=*")).containsKey("_include");
        assertThat(problems(e)).isEqualTo("REQUEST_AMBIGUOUS_PARAMETER@form[0] name");
    }

    @Test
    void rawPlusInAnApplicationValueIsRefusedBecauseHapiAndServletsReadItDifferently() {
        String query = "_format=application/fhir+json";

        FhirGuardException e = refusal(new RawRequest("DELETE", "Patient", query, null, null));

        assertThat(UrlUtil.parseQueryString(query).get("_format"))
                .containsExactly("application/fhir+json");
        assertThat(problems(e)).isEqualTo("REQUEST_AMBIGUOUS_PARAMETER@parameter[0] value");
    }

    @Test
    void plusInAnApplicationValueWithAnEscapeIsASpaceAsInHapi() {
        String query = "_format=application/x+y%2Bz";

        FhirRequest request = parser().parse(new RawRequest("GET", "Patient", query, null,
                null));

        assertThat(UrlUtil.parseQueryString(query).get("_format"))
                .containsExactly("application/x y+z");
        assertThat(describe(request))
                .isEqualTo("SEARCH_TYPE type=Patient params=[_format=application/x y+z]");
    }

    @Test
    void encodedPlusInAnApplicationValueIsAccepted() {
        FhirRequest request = parser().parse(new RawRequest("GET", "Patient",
                "_format=application/fhir%2Bjson", null, null));

        assertThat(describe(request))
                .isEqualTo("SEARCH_TYPE type=Patient params=[_format=application/fhir+json]");
    }

    @Test
    void formBodyOnAPostOtherThanSearchIsRefusedBecauseHapiReadsItsParameters() {
        byte[] body = "_type=Observation".getBytes(StandardCharsets.US_ASCII);

        FhirGuardException e = refusal(new RawRequest("POST", "Patient/1/$everything", null,
                "application/x-www-form-urlencoded", body));

        assertThat(problems(e)).isEqualTo("REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type");
    }

    @Test
    void formContentTypeOnAPutIsRefused() {
        byte[] body = "identifier=other".getBytes(StandardCharsets.US_ASCII);

        FhirGuardException e = refusal(new RawRequest("PUT", "Patient", "identifier=mine",
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8", body));

        assertThat(problems(e)).isEqualTo("REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type");
    }
}
