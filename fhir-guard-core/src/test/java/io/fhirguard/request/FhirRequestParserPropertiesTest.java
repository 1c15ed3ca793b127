package io.fhirguard.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FhirRequestParserPropertiesTest {
    private static final FhirRequestParser PARSER =
            FhirRequestParser.create(RequestParserConfig.defaults());

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get");
    }

    /** Paths and queries built from the pieces most likely to confuse a parser. */
    @Provide
    Arbitrary<String> tricky() {
        return Arbitraries.of("Patient", "Observation", "1", "a.b", "_history", "_search",
                "$everything", "metadata", "*", ".", "..", "%2e", "%2F", "%5C", "\\", "%",
                "%Z", "%C3", "%C3%A9", "%00", "%0A", "é", "\uD800", "/", "//", "?", "&", "=",
                "+", "#", ";", ":", "%25", "%FF", " ").list().ofMaxSize(12)
                .map(pieces -> String.join("", pieces));
    }

    @Property(tries = 500)
    void trickyPathOrQueryOnlyEverRaisesARefusal(@ForAll("methods") String method,
            @ForAll("tricky") String path, @ForAll("tricky") String query) {
        assertParsesOrIsRefused(RawRequest.of(method, path, query));
    }

    @Property(tries = 500)
    void arbitraryPathOrQueryOnlyEverRaisesARefusal(@ForAll("methods") String method,
            @ForAll String path, @ForAll String query) {
        assertParsesOrIsRefused(RawRequest.of(method, path, query));
    }

    @Property(tries = 500)
    void encodedParameterValueIsDecodedBackExactlyOnce(@ForAll String value) {
        boolean encodable = StandardCharsets.UTF_8.newEncoder().canEncode(value);
        boolean hasControl = value.chars().anyMatch(c -> Character.isISOControl(c));
        String query = "name=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        Assume.that(encodable && !hasControl && query.length() <= 8192);

        FhirRequest request = PARSER.parse(RawRequest.of("GET", "Patient", query));

        assertThat(request.parameters().values("name")).containsExactly(value);
    }

    private static void assertParsesOrIsRefused(RawRequest raw) {
        try {
            FhirRequest request = PARSER.parse(raw);
            assertThat(request.method()).isEqualTo(raw.method());
        } catch (FhirGuardException e) {
            assertThat(e.reason()).isNotEqualTo(Reason.INTERNAL_ERROR);
            assertThat(e.problems()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.location()).isPresent());
        }
    }
}
