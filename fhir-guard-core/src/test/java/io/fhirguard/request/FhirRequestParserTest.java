package io.fhirguard.request;

import static io.fhirguard.request.RequestDescriptions.describe;
import static io.fhirguard.request.RequestDescriptions.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.refusal.OutcomeFormat;
import io.fhirguard.refusal.Reason;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FhirRequestParserTest {
    private static final String ID_64 = "a".repeat(64);

    private static FhirRequestParser parser() {
        return FhirRequestParser.create(RequestParserConfig.defaults());
    }

    private static Arguments ok(String method, String path, String query, String expected) {
        return Arguments.of(method, path, query, expected);
    }

    static Stream<Arguments> acceptedRequests() {
        return Stream.of(
                ok("GET", "Patient/123", null, "READ type=Patient id=123"),
                ok("HEAD", "Patient/123", null, "READ type=Patient id=123"),
                ok("GET", "Patient/a.b-C9", null, "READ type=Patient id=a.b-C9"),
                ok("GET", "Patient/" + ID_64, null, "READ type=Patient id=" + ID_64),
                ok("GET", "Patient/%31%32%33", null, "READ type=Patient id=123"),
                ok("GET", "Patient/123/_history/4", null,
                        "VREAD type=Patient id=123 vid=4"),
                ok("PUT", "Patient/123", null, "UPDATE type=Patient id=123"),
                ok("PATCH", "Patient/123", null, "PATCH type=Patient id=123"),
                ok("DELETE", "Patient/123", null, "DELETE type=Patient id=123"),
                ok("POST", "Patient", null, "CREATE type=Patient"),
                ok("GET", "Observation", null, "SEARCH_TYPE type=Observation"),
                ok("GET", "Observation", "code=http%3A%2F%2Floinc.org%7C4548-4",
                        "SEARCH_TYPE type=Observation params=[code=http://loinc.org|4548-4]"),
                ok("GET", "Observation", "date=ge2020-01-01&date=le2020-12-31&_count=5",
                        "SEARCH_TYPE type=Observation "
                                + "params=[date=ge2020-01-01&date=le2020-12-31&_count=5]"),
                ok("GET", "Patient", "name=John+Smith",
                        "SEARCH_TYPE type=Patient params=[name=John Smith]"),
                ok("GET", "Patient", "name=a%2Bb", "SEARCH_TYPE type=Patient params=[name=a+b]"),
                ok("GET", "Patient", "name=%2541", "SEARCH_TYPE type=Patient params=[name=%41]"),
                ok("GET", "Patient", "name=Jos%C3%A9",
                        "SEARCH_TYPE type=Patient params=[name=José]"),
                ok("GET", "Patient", "_summary", "SEARCH_TYPE type=Patient params=[_summary=]"),
                ok("GET", "Patient", "a=1&&b=2&", "SEARCH_TYPE type=Patient params=[a=1&b=2]"),
                ok("GET", "Patient", "name=x=y", "SEARCH_TYPE type=Patient params=[name=x=y]"),
                ok("GET", "Observation", "code:not=x&subject.name=y"
                        + "&_has:Observation:patient:code=1234",
                        "SEARCH_TYPE type=Observation params=[code:not=x&subject.name=y"
                                + "&_has:Observation:patient:code=1234]"),
                ok("GET", "Observation", "value-quantity=5.4%7Chttp%3A%2F%2Funitsofmeasure.org"
                        + "%7Cmg", "SEARCH_TYPE type=Observation "
                        + "params=[value-quantity=5.4|http://unitsofmeasure.org|mg]"),
                ok("GET", "Patient/_search", "name=x",
                        "SEARCH_TYPE type=Patient params=[name=x]"),
                ok("POST", "Patient/_search", null, "SEARCH_TYPE type=Patient"),
                ok("GET", "", null, "SEARCH_SYSTEM"),
                ok("GET", "", "_type=Patient,Observation",
                        "SEARCH_SYSTEM params=[_type=Patient,Observation]"),
                ok("POST", "_search", null, "SEARCH_SYSTEM"),
                ok("GET", "Patient/1/Observation", "category=laboratory",
                        "SEARCH_COMPARTMENT type=Observation in=Patient/1 "
                                + "params=[category=laboratory]"),
                ok("GET", "Patient/1/Observation/_search", "code=4548-4",
                        "SEARCH_COMPARTMENT type=Observation in=Patient/1 "
                                + "params=[code=4548-4]"),
                ok("POST", "Patient/1/Observation/_search", null,
                        "SEARCH_COMPARTMENT type=Observation in=Patient/1"),
                ok("GET", "Encounter/e1/Observation", null,
                        "SEARCH_COMPARTMENT type=Observation in=Encounter/e1"),
                ok("GET", "Device/d1/Observation", null,
                        "SEARCH_COMPARTMENT type=Observation in=Device/d1"),
                ok("GET", "Patient/1/_history", null, "HISTORY_INSTANCE type=Patient id=1"),
                ok("GET", "Patient/_history", "_since=2020-01-01",
                        "HISTORY_TYPE type=Patient params=[_since=2020-01-01]"),
                ok("GET", "_history", null, "HISTORY_SYSTEM"),
                ok("GET", "metadata", null, "CAPABILITIES"),
                ok("HEAD", "metadata", "mode=terse", "CAPABILITIES params=[mode=terse]"),
                ok("GET", "Patient/1/$everything", null,
                        "OPERATION_INSTANCE type=Patient id=1 op=$everything"),
                ok("POST", "Patient/1/$everything", "_count=10",
                        "OPERATION_INSTANCE type=Patient id=1 op=$everything params=[_count=10]"),
                ok("GET", "Patient/$everything", null,
                        "OPERATION_TYPE type=Patient op=$everything"),
                ok("GET", "$export", "_type=Patient",
                        "OPERATION_SYSTEM op=$export params=[_type=Patient]"),
                ok("GET", "Group/g1/$export", null, "OPERATION_INSTANCE type=Group id=g1 "
                        + "op=$export"),
                ok("GET", "Observation/$lastn", "max=3&patient=1",
                        "OPERATION_TYPE type=Observation op=$lastn params=[max=3&patient=1]"),
                ok("POST", "Patient/$validate", null, "OPERATION_TYPE type=Patient op=$validate"),
                ok("POST", "Patient/1/$validate", null,
                        "OPERATION_INSTANCE type=Patient id=1 op=$validate"),
                ok("POST", "CodeSystem/$validate-code", null,
                        "OPERATION_TYPE type=CodeSystem op=$validate-code"),
                ok("PUT", "Observation", "identifier=x",
                        "UPDATE type=Observation params=[identifier=x]"),
                ok("PATCH", "Observation", "identifier=x",
                        "PATCH type=Observation params=[identifier=x]"),
                ok("DELETE", "Observation", "identifier=http%3A%2F%2Fa%7Cb",
                        "DELETE type=Observation params=[identifier=http://a|b]"),
                ok("POST", "Patient", "_format=json", "CREATE type=Patient params=[_format=json]"));
    }

    @ParameterizedTest(name = "{0} {1} ? {2} -> {3}")
    @MethodSource("acceptedRequests")
    void validRequestIsParsedIntoItsInteraction(String method, String path, String query,
            String expected) {
        FhirRequest request = parser().parse(RawRequest.of(method, path, query));

        assertThat(describe(request)).isEqualTo(expected);
        assertThat(request.method()).isEqualTo(method);
    }

    private static Arguments bad(String method, String path, String query, String expected) {
        return Arguments.of(method, path, query, expected);
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                bad("GET", "Patient/../Observation", null, "REQUEST_DOT_SEGMENT@path[1]"),
                bad("GET", "Patient/%2E%2E/Observation", null, "REQUEST_DOT_SEGMENT@path[1]"),
                bad("GET", "Patient/.%2e", null, "REQUEST_DOT_SEGMENT@path[1]"),
                bad("GET", "Patient/.", null, "REQUEST_DOT_SEGMENT@path[1]"),
                bad("GET", "Patient/%2e", null, "REQUEST_DOT_SEGMENT@path[1]"),
                bad("GET", "Patient/1%2F_history", null, "REQUEST_ENCODED_SEPARATOR@path[1]"),
                bad("GET", "Patient/1%2f..%2fObservation", null,
                        "REQUEST_ENCODED_SEPARATOR@path[1]"),
                bad("GET", "Patient/1%5C2", null, "REQUEST_ENCODED_SEPARATOR@path[1]"),
                bad("GET", "Patient\\1", null, "REQUEST_ENCODED_SEPARATOR@path[0]"),
                bad("GET", "Patient//1", null, "REQUEST_EMPTY_SEGMENT@path[1]"),
                bad("GET", "Patient/1/", null, "REQUEST_EMPTY_SEGMENT@path[2]"),
                bad("GET", "Patient/", null, "REQUEST_EMPTY_SEGMENT@path[1]"),
                bad("GET", "/Patient/1", null, "REQUEST_EMPTY_SEGMENT@path[0]"),
                bad("GET", "Patient/1%00", null, "REQUEST_CONTROL_CHARACTER@path[1]"),
                bad("GET", "Patient/1\n", null, "REQUEST_CONTROL_CHARACTER@path[1]"),
                bad("GET", "Patient", "name=a%0Db",
                        "REQUEST_CONTROL_CHARACTER@parameter[0] value"),
                bad("GET", "Patient", "na%0Ame=x",
                        "REQUEST_CONTROL_CHARACTER@parameter[0] name"),
                bad("GET", "Patient", "name=%C2%85",
                        "REQUEST_CONTROL_CHARACTER@parameter[0] value"),
                bad("GET", "Patient", "name=%ZZ",
                        "REQUEST_BAD_PERCENT_ENCODING@parameter[0] value"),
                bad("GET", "Patient", "name=%\u0663\u0663",
                        "REQUEST_BAD_PERCENT_ENCODING@parameter[0] value"),
                bad("GET", "Patient/%\uFF12\uFF26", null, "REQUEST_BAD_PERCENT_ENCODING@path[1]"),
                bad("GET", "Patient", "a=1&name=abc%",
                        "REQUEST_BAD_PERCENT_ENCODING@parameter[1] value"),
                bad("GET", "Patient/1%2", null, "REQUEST_BAD_PERCENT_ENCODING@path[1]"),
                bad("GET", "Patient", "name=José",
                        "REQUEST_BAD_PERCENT_ENCODING@parameter[0] value"),
                bad("GET", "Patient", "name=%C3%28", "REQUEST_NOT_UTF8@parameter[0] value"),
                bad("GET", "Patient", "name=%C0%AF", "REQUEST_NOT_UTF8@parameter[0] value"),
                bad("GET", "Patient", "name=%ED%A0%80", "REQUEST_NOT_UTF8@parameter[0] value"),
                bad("GET", "Patient/Jos%C3", null, "REQUEST_NOT_UTF8@path[1]"),
                bad("GET", "Foo/1", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[0]"),
                bad("GET", "patient/1", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[0]"),
                bad("GET", "Patient/1/Foo", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[2]"),
                bad("GET", "Patient/bad_id", null, "REQUEST_INVALID_ID@path[1]"),
                bad("GET", "Patient/" + ID_64 + "b", null, "REQUEST_INVALID_ID@path[1]"),
                bad("GET", "Patient/1+2", null, "REQUEST_INVALID_ID@path[1]"),
                bad("GET", "Patient/1;x=..", null, "REQUEST_INVALID_ID@path[1]"),
                bad("GET", "Patient/1/_history/v_1", null, "REQUEST_INVALID_ID@path[3]"),
                bad("GET", "Patient/1/_history/2/extra", null,
                        "REQUEST_UNSUPPORTED_PATH@path[4]"),
                bad("GET", "Patient/1/_history/2/$meta", null,
                        "REQUEST_UNSUPPORTED_PATH@path[4]"),
                bad("GET", "Patient/_history/1", null, "REQUEST_UNSUPPORTED_PATH@path[2]"),
                bad("GET", "_history/1", null, "REQUEST_UNSUPPORTED_PATH@path[1]"),
                bad("GET", "metadata/x", null, "REQUEST_UNSUPPORTED_PATH@path[1]"),
                bad("GET", "Patient/1/_foo", null, "REQUEST_UNSUPPORTED_PATH@path[2]"),
                bad("GET", "Patient/_foo", null, "REQUEST_UNSUPPORTED_PATH@path[1]"),
                bad("GET", "_foo", null, "REQUEST_UNSUPPORTED_PATH@path[0]"),
                bad("GET", "Patient/1/*", null, "REQUEST_UNSUPPORTED_PATH@path[2]"),
                bad("GET", "Patient/1/Observation/2", null, "REQUEST_UNSUPPORTED_PATH@path[3]"),
                bad("GET", "Observation/1/Patient", null, "REQUEST_UNSUPPORTED_PATH@path[0]"),
                bad("GET", "Patient/$bad!op", null, "REQUEST_UNSUPPORTED_PATH@path[1]"),
                bad("GET", "a/b/c/d/e", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[0]; "
                        + "REQUEST_UNSUPPORTED_PATH@path[4]"),
                bad("DELETE", "metadata", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("POST", "Patient/1", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("PUT", "Observation", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("DELETE", "Observation", "", "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("DELETE", "Observation", "&&", "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("TRACE", "Patient/1", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("get", "Patient/1", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("POST", "Patient/1/_history", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("PUT", "Patient/1/$everything", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("DELETE", "", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("DELETE", "Patient/1/Observation", null, "REQUEST_METHOD_NOT_ALLOWED@method"),
                bad("GET", "Patient", "=x", "REQUEST_EMPTY_PARAMETER_NAME@parameter[0] name"),
                bad("GET", "Foo/bad_id", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[0]; "
                        + "REQUEST_INVALID_ID@path[1]"),
                bad("PUT", "Foo/1/Bar", null, "REQUEST_UNKNOWN_RESOURCE_TYPE@path[0]; "
                        + "REQUEST_METHOD_NOT_ALLOWED@method; "
                        + "REQUEST_UNKNOWN_RESOURCE_TYPE@path[2]"),
                bad("GET", "Patient//..", "a=%ZZ&b=%00&c=ok&=d",
                        "REQUEST_EMPTY_SEGMENT@path[1]; REQUEST_DOT_SEGMENT@path[2]; "
                                + "REQUEST_BAD_PERCENT_ENCODING@parameter[0] value; "
                                + "REQUEST_CONTROL_CHARACTER@parameter[1] value; "
                                + "REQUEST_EMPTY_PARAMETER_NAME@parameter[3] name"),
                bad("GET", "Patient/" + "a".repeat(2050), null, "REQUEST_PATH_TOO_LONG@path"),
                bad("GET", "Patient", "name=" + "a".repeat(8200), "REQUEST_QUERY_TOO_LONG@query"),
                bad("GET", "Patient/" + "a".repeat(2050), "name=" + "a".repeat(8200),
                        "REQUEST_PATH_TOO_LONG@path; REQUEST_QUERY_TOO_LONG@query"));
    }

    @ParameterizedTest(name = "{0} {1} ? {2} -> {3}")
    @MethodSource("refusedRequests")
    void invalidRequestIsRefusedWithEveryProblemAndItsLocation(String method, String path,
            String query, String expected) {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parser().parse(RawRequest.of(method, path, query)));

        assertThat(e).as("refusal").isNotNull();
        assertThat(problems(e)).isEqualTo(expected);
        assertThat(e.reason()).isEqualTo(e.problems().get(0).reason());
    }

    @Test
    void overLongPathGets414WithTheLimitInTheDescription() {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class, () -> parser()
                .parse(RawRequest.of("GET", "Patient/" + "a".repeat(2041), null)));

        assertThat(e.status()).isEqualTo(414);
        assertThat(e.reason()).isEqualTo(Reason.REQUEST_PATH_TOO_LONG);
        assertThat(e.description()).isEqualTo("the path is longer than 2048 characters");
    }

    @Test
    void pathOfExactlyTheLimitIsAccepted() {
        String path = "Patient/" + "a".repeat(64) + "/_history/" + "b".repeat(64);
        FhirRequestParser parser = FhirRequestParser.create(RequestParserConfig.builder()
                .maxPathLength(path.length()).build());

        FhirRequest request = parser.parse(RawRequest.of("GET", path, null));

        assertThat(request.interaction()).isEqualTo(Interaction.VREAD);
    }

    @Test
    void conditionalUpdateIsMarkedConditional() {
        FhirRequest request = parser().parse(RawRequest.of("PUT", "Observation",
                "identifier=urn%3Aoid%3A1.2.3%7Cx"));

        assertThat(request.isConditional()).isTrue();
        assertThat(request.parameters().values("identifier")).containsExactly("urn:oid:1.2.3|x");
    }

    @Test
    void updateByIdIsNotConditional() {
        FhirRequest request = parser().parse(RawRequest.of("PUT", "Observation/1", "x=y"));

        assertThat(request.isConditional()).isFalse();
    }

    @Test
    void methodNotAllowedGets405() {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parser().parse(RawRequest.of("DELETE", "metadata", null)));

        assertThat(e.status()).isEqualTo(405);
        assertThat(e.description()).isEqualTo("DELETE is not allowed on metadata; allowed: GET, "
                + "HEAD");
    }

    @Test
    void refusalDescriptionDoesNotEchoThePathOrQuery() {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class, () -> parser()
                .parse(RawRequest.of("GET", "Patient/secret_id_42", "name=Secret%ZZName")));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("secret_id_42").doesNotContain("Secret");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.description())
                .doesNotContain("secret").doesNotContain("Secret"));
    }

    @Test
    void refusalRendersEveryProblemAsAnIssueWithItsLocation() {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parser().parse(RawRequest.of("PUT", "Foo/1/Bar", "a=%ZZ")));
        OperationOutcomeMapper mapper = OperationOutcomeMapper.create(FhirContext.forR4Cached());

        String json = mapper.render(e, OutcomeFormat.JSON);

        OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
                .parseResource(OperationOutcome.class, json);
        assertThat(outcome.getIssue()).extracting(issue -> issue.getExpression().get(0)
                .getValue()).containsExactly("parameter[0] value", "path[0]", "method",
                        "path[2]");
        assertThat(outcome.getIssue()).extracting(issue -> issue.getDetails().getCodingFirstRep()
                .getCode()).containsExactly("request-bad-percent-encoding",
                        "request-unknown-resource-type", "request-method-not-allowed",
                        "request-unknown-resource-type");
    }

    @Test
    void everyProblemIsCappedAtOneHundred() {
        String query = "a=%ZZ&".repeat(300);

        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> parser().parse(RawRequest.of("GET", "Patient", query)));

        assertThat(e.problems()).hasSize(100);
    }
}
