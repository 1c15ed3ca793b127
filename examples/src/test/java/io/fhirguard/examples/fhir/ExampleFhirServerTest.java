package io.fhirguard.examples.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.server.LocalServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExampleFhirServerTest {
    static final String FABIAN = "b4a36fff-6981-496a-a0d3-b274dd4b363a";
    static final String REYNA = "76d2fa2d-66a6-4823-8dab-52cd70822844";
    static final String LINK_OBSERVATION = "48cf6215-daf5-4107-861f-c1687c22fdae";

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalServer server;

    @BeforeAll
    static void start() {
        ResourceStore store = SyntheaLoader.create(FHIR, Clock.systemUTC()).loadBundled();
        server = LocalServer.start(0, context -> context.addServlet(
                new ServletHolder(new ExampleFhirServer(FHIR, store)), "/fhir/*"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readReturnsPatientWithTheIdOfItsBundleFullUrl() throws Exception {
        HttpResponse<String> response = get("/Patient/" + FABIAN);

        assertThat(response.statusCode()).isEqualTo(200);
        Patient patient = FHIR.newJsonParser().parseResource(Patient.class, response.body());
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(FABIAN);
        assertThat(patient.getIdElement().getVersionIdPart()).isEqualTo("1");
    }

    @Test
    void vreadOfAnUnknownVersionIs404() throws Exception {
        assertThat(get("/Patient/" + FABIAN + "/_history/1").statusCode()).isEqualTo(200);
        assertThat(get("/Patient/" + FABIAN + "/_history/2").statusCode()).isEqualTo(404);
    }

    @Test
    void referencesAreRewrittenFromUrnUuidToTypeAndId() throws Exception {
        Bundle bundle = search("/Observation?patient=" + FABIAN + "&_count=200");

        assertThat(matches(bundle)).isNotEmpty().allSatisfy(r -> {
            Observation obs = (Observation) r;
            assertThat(obs.getSubject().getReference()).isEqualTo("Patient/" + FABIAN);
            if (obs.hasEncounter()) {
                assertThat(obs.getEncounter().getReference()).startsWith("Encounter/");
            }
        });
    }

    @Test
    void labSearchWithDatePrefixAndCountReturnsOnePageAndANextLink() throws Exception {
        Bundle bundle = search("/Observation?patient=" + FABIAN
                + "&category=laboratory&date=ge2015-01-01&_count=10");

        assertThat(matches(bundle)).hasSize(10).allSatisfy(r -> {
            Observation obs = (Observation) r;
            assertThat(obs.getCategoryFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo("laboratory");
            assertThat(obs.getEffectiveDateTimeType().getValueAsString()).isGreaterThan("2015");
        });
        assertThat(bundle.getLink("next")).isNotNull();
    }

    @Test
    void tokenSearchWithSystemAndCodeMatchesOnlyThatCode() throws Exception {
        Bundle bundle = search("/Observation?code=http://loinc.org%7C29463-7&_count=200");

        assertThat(matches(bundle)).hasSize(20).allSatisfy(r -> assertThat(
                ((Observation) r).getCode().getCodingFirstRep().getCode()).isEqualTo("29463-7"));
    }

    @Test
    void repeatedPatientParametersAreAndedSoTwoPatientsMatchNothing() throws Exception {
        Bundle bundle = search("/Observation?patient=" + FABIAN + "&patient=" + REYNA);

        assertThat(bundle.getEntry()).isEmpty();
    }

    @Test
    void includeFollowsHasMemberIntoAnotherPatientsObservationOnTheBareServer() throws Exception {
        Bundle bundle = search("/Observation?_id=" + LINK_OBSERVATION
                + "&_include=Observation:has-member:Observation");

        assertThat(bundle.getEntry()).hasSize(2);
        Bundle.BundleEntryComponent included = bundle.getEntry().get(1);
        assertThat(included.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
        assertThat(((Observation) included.getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + REYNA);
    }

    @Test
    void revincludeAddsThePatientsConditions() throws Exception {
        Bundle bundle = search("/Patient?_id=" + FABIAN + "&_revinclude=Condition:patient");

        assertThat(matches(bundle)).hasSize(1);
        assertThat(bundle.getEntry()).hasSize(1 + 13);
    }

    @Test
    void compartmentSearchListsOnlyThatPatientsObservations() throws Exception {
        Bundle bundle = search("/Patient/" + REYNA + "/Observation?_count=200");

        assertThat(matches(bundle)).hasSize(102).allSatisfy(r -> assertThat(
                ((Observation) r).getSubject().getReference()).isEqualTo("Patient/" + REYNA));
    }

    @Test
    void lastUpdatedRangeIsSearchable() throws Exception {
        assertThat(search("/Patient?_lastUpdated=ge2000-01-01").getTotal()).isEqualTo(4);
        assertThat(search("/Patient?_lastUpdated=lt2000-01-01").getTotal()).isZero();
    }

    @Test
    void unknownSearchParameterIs400() throws Exception {
        assertThat(get("/Observation?no-such-param=1").statusCode()).isEqualTo(400);
    }

    private static Bundle search(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private static List<Resource> matches(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static HttpResponse<String> get(String pathAndQuery)
            throws IOException, InterruptedException {
        URI uri = server.uri("/fhir" + pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "application/fhir+json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
