package io.fhirguard.request;

import static io.fhirguard.request.RequestDescriptions.describe;
import static io.fhirguard.request.RequestDescriptions.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.FhirGuardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FhirRequestParserBundleTest {
    private static final String BASE = "https://fhir.example.org/r4";
    private static final String JSON = "application/fhir+json";
    private static final String XML = "application/fhir+xml";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static RequestParserConfig config() {
        return RequestParserConfig.builder().addServerBase(BASE).build();
    }

    private static FhirRequest parse(RequestParserConfig config, String contentType,
            byte[] body) {
        return FhirRequestParser.create(config)
                .parse(new RawRequest("POST", "", null, contentType, body));
    }

    private static FhirGuardException refusal(RequestParserConfig config, String contentType,
            byte[] body) {
        return catchThrowableOfType(FhirGuardException.class,
                () -> parse(config, contentType, body));
    }

    private static <T extends Resource> T synthea(Class<T> type, String file) {
        try (InputStream in = FhirRequestParserBundleTest.class
                .getResourceAsStream("/synthea/" + file)) {
            return FHIR.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bundle bundle(BundleType type) {
        return new Bundle().setType(type);
    }

    private static Bundle add(Bundle bundle, HTTPVerb method, String url, Resource resource) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource);
        entry.getRequest().setMethod(method).setUrl(url);
        return bundle;
    }

    private static byte[] json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xml(Bundle bundle) {
        return FHIR.newXmlParser().encodeResourceToString(bundle)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Bundle syntheaTransaction() {
        Bundle bundle = bundle(BundleType.TRANSACTION);
        add(bundle, HTTPVerb.POST, "Patient", synthea(Patient.class, "Patient.json"));
        add(bundle, HTTPVerb.PUT, "Observation/9e8fcede-ede7-41de-9313-e3309fba4cad",
                synthea(Observation.class, "Observation-laboratory.json"));
        add(bundle, HTTPVerb.DELETE, "Condition?code=http%3A%2F%2Fsnomed.info%2Fsct%7C59621000",
                null);
        add(bundle, HTTPVerb.GET, "Patient/494743a2-fea5-4827-8f02-c2b91e4a4c9e/$everything",
                null);
        return bundle;
    }

    @Test
    void transactionOfSyntheaResourcesGivesOneRequestPerEntry() {
        FhirRequest request = parse(config(), JSON, json(syntheaTransaction()));

        assertThat(request.interaction()).isEqualTo(Interaction.TRANSACTION);
        assertThat(request.entries()).extracting(RequestDescriptions::describe).containsExactly(
                "CREATE type=Patient",
                "UPDATE type=Observation id=9e8fcede-ede7-41de-9313-e3309fba4cad",
                "DELETE type=Condition params=[code=http://snomed.info/sct|59621000]",
                "OPERATION_INSTANCE type=Patient id=494743a2-fea5-4827-8f02-c2b91e4a4c9e "
                        + "op=$everything");
        assertThat(request.entries()).extracting(FhirRequest::method)
                .containsExactly("POST", "PUT", "DELETE", "GET");
    }

    @Test
    void entryCarriesItsResourceAsBody() {
        FhirRequest request = parse(config(), JSON, json(syntheaTransaction()));

        Patient patient = (Patient) request.entries().get(0).body().orElseThrow();
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1972-07-30");
        assertThat(request.entries().get(1).body()).get().isInstanceOf(Observation.class);
        assertThat(request.entries().get(2).body()).isEmpty();
        assertThat(request.body()).get().isInstanceOf(Bundle.class);
    }

    @Test
    void batchInXmlIsParsedLikeJson() {
        Bundle bundle = syntheaTransaction().setType(BundleType.BATCH);

        FhirRequest fromXml = parse(config(), XML, xml(bundle));
        FhirRequest fromJson = parse(config(), JSON, json(bundle));

        assertThat(fromXml.interaction()).isEqualTo(Interaction.BATCH);
        assertThat(fromXml.entries()).extracting(RequestDescriptions::describe)
                .isEqualTo(fromJson.entries().stream().map(RequestDescriptions::describe)
                        .toList());
    }

    @Test
    void transactionHoldingASearchParsesTheSearch() {
        Bundle bundle = add(bundle(BundleType.TRANSACTION), HTTPVerb.GET,
                "Observation?patient=Patient%2F1&code=4548-4&date=ge2020", null);

        FhirRequest request = parse(config(), JSON, json(bundle));

        assertThat(request.entries()).extracting(RequestDescriptions::describe).containsExactly(
                "SEARCH_TYPE type=Observation params=[patient=Patient/1&code=4548-4"
                        + "&date=ge2020]");
    }

    @Test
    void batchQueryParametersAreKept() {
        Bundle bundle = add(bundle(BundleType.BATCH), HTTPVerb.GET, "metadata", null);

        FhirRequest request = FhirRequestParser.create(config())
                .parse(new RawRequest("POST", "", "_format=json", JSON, json(bundle)));

        assertThat(describe(request)).isEqualTo("BATCH params=[_format=json]");
    }

    static Stream<Arguments> entryUrls() {
        return Stream.of(
                Arguments.of(BASE + "/Patient/1", "READ type=Patient id=1"),
                Arguments.of("https://FHIR.Example.org:443/r4/Patient/1", "READ type=Patient id=1"),
                Arguments.of("HTTPS://fhir.example.org/r4/Observation?code=x",
                        "SEARCH_TYPE type=Observation params=[code=x]"),
                Arguments.of(BASE + "/Patient/1/Observation",
                        "SEARCH_COMPARTMENT type=Observation in=Patient/1"),
                Arguments.of(BASE + "/Patient/1/_history/2", "VREAD type=Patient id=1 vid=2"),
                Arguments.of(BASE + "/metadata", "CAPABILITIES"),
                Arguments.of(BASE + "?_type=Patient", "SEARCH_SYSTEM params=[_type=Patient]"),
                Arguments.of("Patient/1", "READ type=Patient id=1"),
                Arguments.of("https://evil.example.com/r4/Patient/1",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of("http://fhir.example.org/r4/Patient/1",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of("https://fhir.example.org:8443/r4/Patient/1",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of("https://fhir.example.org/r4x/Patient/1",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of("https://fhir.example.org@evil.example.com/r4/Patient/1",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of("urn:uuid:494743a2-fea5-4827-8f02-c2b91e4a4c9e",
                        "REQUEST_FOREIGN_BASE@entry[0].request.url"),
                Arguments.of(BASE + "/../admin/Patient",
                        "REQUEST_DOT_SEGMENT@entry[0].request.url path[0]"),
                Arguments.of(BASE + "//Patient/1",
                        "REQUEST_EMPTY_SEGMENT@entry[0].request.url path[0]"),
                Arguments.of("/Patient/1", "REQUEST_EMPTY_SEGMENT@entry[0].request.url path[0]"),
                Arguments.of("Patient/1%2F..",
                        "REQUEST_ENCODED_SEPARATOR@entry[0].request.url path[1]"),
                Arguments.of("Patient/1#x", "REQUEST_BAD_BUNDLE_ENTRY@entry[0].request.url"),
                Arguments.of("Patient?name=%ZZ",
                        "REQUEST_BAD_PERCENT_ENCODING@entry[0].request.url parameter[0] value"));
    }

    @ParameterizedTest(name = "GET {0} -> {1}")
    @MethodSource("entryUrls")
    void entryUrlIsParsedRelativeToTheServerBase(String url, String expected) {
        byte[] body = json(add(bundle(BundleType.BATCH), HTTPVerb.GET, url, null));

        String actual;
        try {
            actual = describe(parse(config(), JSON, body).entries().get(0));
        } catch (FhirGuardException e) {
            actual = problems(e);
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void absoluteEntryUrlIsForeignWhenNoBaseIsConfigured() {
        byte[] body = json(add(bundle(BundleType.BATCH), HTTPVerb.GET, BASE + "/Patient/1",
                null));

        FhirGuardException e = refusal(RequestParserConfig.defaults(), JSON, body);

        assertThat(problems(e)).isEqualTo("REQUEST_FOREIGN_BASE@entry[0].request.url");
    }

    @Test
    void nestedBatchEntryIsRefused() {
        Bundle inner = add(bundle(BundleType.BATCH), HTTPVerb.DELETE, "Patient/1", null);
        Bundle outer = add(bundle(BundleType.TRANSACTION), HTTPVerb.POST, BASE, inner);

        FhirGuardException e = refusal(config(), JSON, json(outer));

        assertThat(problems(e)).isEqualTo("REQUEST_NESTED_BUNDLE@entry[0].resource");
    }

    @Test
    void entryPostingToTheBaseIsRefusedAsNested() {
        Bundle outer = add(bundle(BundleType.BATCH), HTTPVerb.POST, BASE + "/", null);

        FhirGuardException e = refusal(config(), JSON, json(outer));

        assertThat(problems(e)).isEqualTo("REQUEST_NESTED_BUNDLE@entry[0].request.url");
    }

    @Test
    void everyBadEntryIsReportedTogether() {
        Bundle bundle = bundle(BundleType.TRANSACTION);
        add(bundle, HTTPVerb.GET, "Patient/bad_id", null);
        add(bundle, HTTPVerb.GET, "Patient/1", null);
        add(bundle, HTTPVerb.POST, "Patient/1", null);
        bundle.addEntry().getRequest().setUrl("Patient/2");
        bundle.addEntry().setFullUrl("urn:uuid:494743a2-fea5-4827-8f02-c2b91e4a4c9e");

        FhirGuardException e = refusal(config(), JSON, json(bundle));

        assertThat(problems(e)).isEqualTo("REQUEST_INVALID_ID@entry[0].request.url path[1]; "
                + "REQUEST_METHOD_NOT_ALLOWED@entry[2].request.url method; "
                + "REQUEST_BAD_BUNDLE_ENTRY@entry[3].request.method; "
                + "REQUEST_BAD_BUNDLE_ENTRY@entry[4].request");
    }

    @Test
    void createEntryWhoseResourceIsAnotherTypeThanItsUrlIsRefused() {
        // A server's transaction processing creates the entry's resource by its own type, so
        // "POST Patient" carrying an Observation would create an Observation.
        Bundle bundle = add(bundle(BundleType.TRANSACTION), HTTPVerb.POST, "Patient",
                synthea(Observation.class, "Observation-laboratory.json"));

        FhirGuardException e = refusal(config(), JSON, json(bundle));

        assertThat(problems(e)).isEqualTo("REQUEST_BAD_BUNDLE_ENTRY@entry[0].resource");
    }

    @Test
    void updateEntryWhoseResourceIsAnotherTypeThanItsUrlIsRefused() {
        Bundle bundle = add(bundle(BundleType.BATCH), HTTPVerb.PUT, "Patient?identifier=x",
                synthea(Observation.class, "Observation-laboratory.json"));

        FhirGuardException e = refusal(config(), JSON, json(bundle));

        assertThat(problems(e)).isEqualTo("REQUEST_BAD_BUNDLE_ENTRY@entry[0].resource");
    }

    static Stream<Arguments> badBodies() {
        Bundle collection = add(bundle(BundleType.COLLECTION), HTTPVerb.GET, "Patient/1", null);
        byte[] patient = FHIR.newJsonParser().encodeResourceToString(
                synthea(Patient.class, "Patient.json")).getBytes(StandardCharsets.UTF_8);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><Bundle xmlns=\"http://hl7.org/fhir\">"
                + "<type value=\"batch\"/><entry><request><method value=\"GET\"/>"
                + "<url value=\"Patient/&x;\"/></request></entry></Bundle>";
        return Stream.of(
                Arguments.of("collection", JSON, json(collection),
                        "REQUEST_BAD_BUNDLE@Bundle.type"),
                Arguments.of("no type", JSON, json(new Bundle()), "REQUEST_BAD_BUNDLE@Bundle.type"),
                Arguments.of("patient", JSON, patient, "REQUEST_BAD_BUNDLE@body"),
                Arguments.of("broken json", JSON, utf8("{\"resourceType\":\"Bundle\","),
                        "REQUEST_BAD_BUNDLE@body"),
                Arguments.of("unknown element", JSON,
                        utf8("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"sneaky\":1}"),
                        "REQUEST_BAD_BUNDLE@body"),
                Arguments.of("xxe", XML, utf8(xxe), "REQUEST_BAD_BUNDLE@body"),
                Arguments.of("empty body", JSON, new byte[0], "REQUEST_BAD_BUNDLE@body"),
                Arguments.of("not utf-8", JSON, new byte[] {'{', (byte) 0xC3, '(', '}'},
                        "REQUEST_NOT_UTF8@body"),
                Arguments.of("text/plain", "text/plain", json(collection),
                        "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"),
                Arguments.of("form", "application/x-www-form-urlencoded", utf8("a=b"),
                        "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"),
                Arguments.of("latin-1", JSON + ";charset=ISO-8859-1", json(collection),
                        "REQUEST_UNSUPPORTED_MEDIA_TYPE@Content-Type"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badBodies")
    void badBundleBodyIsRefused(String name, String contentType, byte[] body,
            String expected) {
        FhirGuardException e = refusal(config(), contentType, body);

        assertThat(problems(e)).isEqualTo(expected);
    }

    @Test
    void missingBundleMediaTypeGets415() {
        FhirGuardException e = refusal(config(), null, json(syntheaTransaction()));

        assertThat(e.status()).isEqualTo(415);
    }

    @Test
    void bundleOverTheByteLimitGets413() {
        byte[] body = json(syntheaTransaction());
        RequestParserConfig config = config().toBuilder().maxBundleBytes(body.length - 1)
                .build();

        FhirGuardException e = refusal(config, JSON, body);

        assertThat(e.status()).isEqualTo(413);
        assertThat(problems(e)).isEqualTo("REQUEST_BODY_TOO_LARGE@body");
    }

    @Test
    void bundleOverTheEntryLimitGets413() {
        RequestParserConfig config = config().toBuilder().maxBundleEntries(3).build();

        FhirGuardException e = refusal(config, JSON, json(syntheaTransaction()));

        assertThat(e.status()).isEqualTo(413);
        assertThat(problems(e)).isEqualTo("REQUEST_TOO_MANY_ENTRIES@Bundle.entry");
        assertThat(e.description()).isEqualTo("the Bundle has 4 entries; at most 3 are allowed");
    }

    @Test
    void bundleAtTheEntryLimitIsAccepted() {
        RequestParserConfig config = config().toBuilder().maxBundleEntries(4).build();

        FhirRequest request = parse(config, JSON, json(syntheaTransaction()));

        assertThat(request.entries()).hasSize(4);
    }

    @Test
    void entriesListIsImmutable() {
        List<FhirRequest> entries = parse(config(), JSON, json(syntheaTransaction())).entries();

        assertThat(entries).isUnmodifiable();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
