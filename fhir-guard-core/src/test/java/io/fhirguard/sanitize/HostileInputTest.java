package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.passesUnchanged;
import static io.fhirguard.sanitize.Fixtures.query;
import static io.fhirguard.sanitize.Fixtures.reasons;
import static io.fhirguard.sanitize.Fixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostileInputTest {

    /** Values as the request parser hands them over: percent-decoded exactly once. */
    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("CRLF injection in a string", "name=x\r\nSet-Cookie: a=b",
                        Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("CRLF injection in a token", "code=x\r\nX-Evil: 1",
                        Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("bare LF", "name=a\nb", Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("%00 decoded to NUL", "name=abc\u0000.txt",
                        Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("NUL in the name", "na\u0000me=x", Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("TAB", "name=a\tb", Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("DEL", "name=a\u007fb", Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("C1 control NEL", "name=a\u0085b", Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("Unicode line separator", "name=a\u2028b",
                        Reason.PARAM_CONTROL_CHARACTER),
                Arguments.of("unpaired surrogate", "name=a\ud800b",
                        Reason.PARAM_INVALID_UNICODE),
                Arguments.of("replacement character left by a lenient decoder",
                        "name=caf\ufffd", Reason.PARAM_INVALID_UNICODE),
                Arguments.of("double encoding in a reference (%2541 -> %41)",
                        "general-practitioner=%41", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("double encoding in a token", "identifier=%2F..%2Fetc",
                        Reason.PARAM_INVALID_TOKEN),
                Arguments.of("double encoding in a date", "birthdate=2025%2D01",
                        Reason.PARAM_INVALID_DATE),
                Arguments.of("double-encoded dot segments in a reference",
                        "general-practitioner=Practitioner/%2e%2e", Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("dot segments in a reference", "general-practitioner=Practitioner/..",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("dot id in a reference", "general-practitioner=.",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("wildcard include", "_include=*", Reason.PARAM_WILDCARD_INCLUDE),
                Arguments.of("SQL in a token", "identifier=x' OR '1'='1",
                        Reason.PARAM_INVALID_TOKEN),
                Arguments.of("SQL in a date", "birthdate=2025-01-01'; DROP TABLE patient;--",
                        Reason.PARAM_INVALID_DATE),
                Arguments.of("SQL in a reference", "general-practitioner=1 OR 1=1",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("script in a token", "identifier=<script>alert(1)</script>",
                        Reason.PARAM_INVALID_TOKEN),
                Arguments.of("script in a reference",
                        "general-practitioner=<script>alert(1)</script>",
                        Reason.PARAM_INVALID_REFERENCE),
                Arguments.of("absolute reference to a foreign server",
                        "general-practitioner=http://169.254.169.254/Practitioner/1",
                        Reason.PARAM_ABSOLUTE_REFERENCE_REFUSED),
                Arguments.of("name O'Brien in a token", "gender=O'Brien",
                        Reason.PARAM_INVALID_TOKEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void hostileInputGetsTheRightRefusal(String what, String pair, Reason reason) {
        FhirGuardException e = refusal(STRICT, "Patient", query(pair));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void tenThousandParametersAreRefusedWithOneProblem() {
        List<QueryParameter> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new QueryParameter("code", "c" + i));
        }

        FhirGuardException e = refusal(STRICT, "Observation", QueryParameters.of(many));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_TOO_MANY);
        assertThat(e.description())
                .isEqualTo("The search has 10000 parameters; at most 50 are allowed.");
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void oneMebibyteValueIsRefusedAsTooLong() {
        String huge = "a".repeat(1 << 20);

        FhirGuardException e = refusal(STRICT, "Patient", query("name=" + huge));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_VALUE_TOO_LONG);
        assertThat(reasons(e.problems()))
                .containsExactly(Reason.PARAM_VALUE_TOO_LONG, Reason.PARAM_QUERY_TOO_LONG);
        assertThat(e.description()).doesNotContain("aaaa");
    }

    @Test
    void manyValuesInOneParameterAreRefused() {
        String values = String.join(",", java.util.Collections.nCopies(21, "x"));

        FhirGuardException e = refusal(STRICT, "Observation", query("code=" + values));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_TOO_MANY_VALUES);
    }

    @Test
    void manyShortParametersTogetherAreRefusedAsAQueryTooLong() {
        List<QueryParameter> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(new QueryParameter("name", "n".repeat(1000)));
        }

        FhirGuardException e = refusal(STRICT, "Patient", QueryParameters.of(list));

        assertThat(e.reason()).isEqualTo(Reason.PARAM_QUERY_TOO_LONG);
        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.location()).isEmpty());
    }

    @Test
    void sqlAndScriptTextInAStringParameterPassUnchangedAsData() {
        passesUnchanged("Patient", "name=O'Brien");
        passesUnchanged("Patient", "name=<script>alert(1)</script>");
        passesUnchanged("Patient", "family=x' OR '1'='1");
        passesUnchanged("Patient", "name=%41");
    }

    @Test
    void hostileNameNeverReachesTheLocationUnmasked() {
        FhirGuardException e = refusal(STRICT, "Patient", query("na\r\nme=x"));

        assertThat(e.problems().get(0).location()).hasValue("parameter[0] na??me");
    }

    @Test
    void refusalTextNeverEchoesTheValue() {
        FhirGuardException e = refusal(STRICT, "Observation",
                query("patient=Patient/secret-id-<x>", "code=secret' code"));

        assertThat(e.getMessage()).doesNotContain("secret");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.description())
                .doesNotContain("secret"));
    }
}
