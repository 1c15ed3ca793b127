package io.fhirguard.servlet.breaking;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static io.fhirguard.servlet.support.SyntheaData.REYNA;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.FhirTestServer;
import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that the filter checked one way and HAPI, behind it, would have read another way.
 */
class ServletDiscrepancyTest {
    private static GuardedFhir stack;

    @BeforeAll
    static void start() throws Exception {
        stack = GuardedFhir.start(s -> s, b -> { }, List.<Resource>of(
                observation("fabians", FABIAN, null),
                observation("reynas-versioned", REYNA, "1"),
                observation("reynas-target", REYNA, null)));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Observation observation(String id, String patient, String version) {
        Observation o = new Observation();
        o.setId("Observation/" + id + (version == null ? "" : "/_history/" + version));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        o.setSubject(new Reference("Patient/" + patient));
        return o;
    }

    private static Bundle bundle(Http.Response r) {
        return FhirTestServer.fhirContext().newJsonParser().parseResource(Bundle.class, r.body());
    }

    @Test
    void formSearchNamingOwnPatientReachesServerWithThatPatient() {
        Http.Response r = Http.method("POST", stack.url("Observation/_search"))
                .bearer(stack.patientToken(FABIAN))
                .body("application/x-www-form-urlencoded", "patient=Patient/" + FABIAN).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().values("patient"))
                .containsExactly("Patient/" + FABIAN);
        assertThat(bundle(r).getEntry()).isNotEmpty().allSatisfy(e -> assertThat(
                ((Observation) e.getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + FABIAN).isNotEqualTo("Patient/" + REYNA));
    }

    @Test
    void conditionalReadOfAnotherPatientsObservationGets404NotNotModified() {
        Http.Response r = Http.get(stack.url("Observation/reynas-versioned"))
                .bearer(stack.patientToken(FABIAN)).header("If-None-Match", "W/\"1\"").send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("ETag")).isEmpty();
        assertThat(r.body()).contains("response-not-visible");
    }

    @Test
    void checkedReadAskedForGzipIsCheckedAndPassedUncompressed() {
        Http.Response r = Http.get(stack.url("Observation/fabians"))
                .bearer(stack.patientToken(FABIAN)).header("Accept-Encoding", "gzip").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Encoding")).isEmpty();
        assertThat(r.body()).contains("\"resourceType\":\"Observation\"")
                .contains("Patient/" + FABIAN);
    }

    @Test
    void batchAskedForGzipIsCheckedAndAnswered() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation?code=8867-4");
        String body = FhirTestServer.fhirContext().newJsonParser().encodeResourceToString(batch);

        Http.Response r = Http.method("POST", stack.url("")).bearer(stack.patientToken(FABIAN))
                .header("Accept-Encoding", "gzip").body("application/fhir+json", body).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(bundle(r).getEntry()).singleElement().satisfies(e -> assertThat(
                e.getResponse().getStatus()).startsWith("200"));
    }

    @Test
    void updateCarryingContentLocationGets400AndWritesNothing() {
        Observation hijack = observation("reynas-target", FABIAN, null);
        String body = FhirTestServer.fhirContext().newJsonParser().encodeResourceToString(hijack);
        String writer = stack.auth().token("writer").patient(FABIAN)
                .scope("patient/Observation.cruds").issue();

        Http.Response r = Http.method("PUT", stack.url("Observation?patient=Patient/" + FABIAN
                + "&code=8867-4")).bearer(writer)
                .header("Content-Location", "Observation/reynas-target")
                .body("application/fhir+json", body).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("request-header-not-allowed");
        assertThat(((Observation) stack.fhir().store().read("Observation", "reynas-target")
                .orElseThrow()).getSubject().getReference()).isEqualTo("Patient/" + REYNA);
    }

    @Test
    void batchReadNeedingACheckReachesServerWithoutIfNoneMatch() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation/reynas-versioned").setIfNoneMatch("W/\"1\"");
        String body = FhirTestServer.fhirContext().newJsonParser().encodeResourceToString(batch);

        Http.Response r = Http.method("POST", stack.url("")).bearer(stack.patientToken(FABIAN))
                .body("application/fhir+json", body).send();

        assertThat(r.status()).isEqualTo(200);
        Bundle sent = FhirTestServer.fhirContext().newJsonParser().parseResource(Bundle.class,
                stack.fhir().received().last().body());
        assertThat(sent.getEntry()).singleElement().satisfies(e -> assertThat(
                e.getRequest().hasIfNoneMatch()).isFalse());
        assertThat(bundle(r).getEntry()).singleElement().satisfies(e -> assertThat(
                e.getResponse().getStatus()).startsWith("404"));
    }
}
