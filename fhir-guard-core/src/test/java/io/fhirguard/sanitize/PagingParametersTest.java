package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.LENIENT;
import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.passesUnchanged;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PagingParametersTest {

    @Test
    void hapiPagingLinkPassesAtSystemLevel() {
        passesUnchanged(null, "_getpages=3f1c9a2e-77b0-4c1e-9d3a-0b5e6f7a8b9c",
                "_getpagesoffset=20", "_count=10", "_format=json", "_pretty=true",
                "_bundletype=searchset");
    }

    @Test
    void pagingIdAloneAtSystemLevelPasses() {
        passesUnchanged(null, "_getpages=abc");
    }

    @Test
    void pagingWithASearchParameterIsRefusedWithItsReason() {
        FhirGuardException e = refusal(STRICT, null,
                query("_getpages=abc", "_getpagesoffset=10", "patient=B"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_UNKNOWN);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).hasValue("parameter[2] patient");
            assertThat(p.description()).contains("may accompany _getpages");
        });
    }

    @Test
    void pagingWithASearchParameterIsRefusedInLenientModeToo() {
        FhirGuardException e = refusal(LENIENT, null, query("_getpages=abc", "_id=x"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_UNKNOWN);
    }

    @Test
    void pagingOnATypeIsRefused() {
        FhirGuardException e = refusal(STRICT, "Observation", query("_getpages=abc"));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_UNKNOWN);
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void pagingParametersWithoutGetpagesStayUnknown() {
        assertThat(refusal(STRICT, null, query("_getpagesoffset=10")).reason())
                .isEqualTo(Reason.PARAM_UNKNOWN);
        assertThat(refusal(STRICT, "Observation", query("_bundletype=searchset")).reason())
                .isEqualTo(Reason.PARAM_UNKNOWN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "_getpages=|PARAM_INVALID_VALUE",
        "_getpages=a.b|PARAM_INVALID_VALUE",
        "_getpages=a_b|PARAM_INVALID_VALUE",
        "_getpages=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|PARAM_INVALID_VALUE",
        "_getpagesoffset=-1|PARAM_INVALID_VALUE",
        "_getpagesoffset=1e3|PARAM_INVALID_VALUE",
        "_bundletype=history|PARAM_INVALID_VALUE",
        "_count=x|PARAM_INVALID_COUNT",
        "_pretty=yes|PARAM_INVALID_VALUE",
        "_getpages:exact=abc|PARAM_UNKNOWN",
    })
    void malformedPagingValueIsRefused(String pair, String reason) {
        String first = pair.matches("_getpages[=:].*") ? pair : "_getpages=abc";
        var params = pair.equals(first) ? query(first) : query(first, pair);

        assertThat(refusal(STRICT, null, params).reason()).isEqualTo(Reason.valueOf(reason));
    }

    @Test
    void repeatedPagingParameterIsRefused() {
        assertThat(refusal(STRICT, null,
                query("_getpages=abc", "_getpagesoffset=1", "_getpagesoffset=2")).reason())
                .isEqualTo(Reason.PARAM_DUPLICATE_SINGLETON);
        assertThat(refusal(STRICT, null, query("_getpages=abc", "_getpages=def")).reason())
                .isEqualTo(Reason.PARAM_DUPLICATE_SINGLETON);
    }

    @Test
    void oversizedCountOnAPageIsClamped() {
        SanitizedParameters result = STRICT.validate(null, query("_getpages=abc", "_count=5000"));

        assertThat(result.parameters()).isEqualTo(query("_getpages=abc", "_count=100"));
    }
}
