package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static io.fhirguard.servlet.support.SyntheaData.REYNA;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
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

/** Parsing, sanitizing, authorization, narrowing and response checks, end to end. */
class AuthorizationTest {
    /** An Observation of Fabian's whose performer is Reyna: an _include path to her. */
    private static final String LEAKY_OBSERVATION = "leaky-observation";

    private static GuardedFhir stack;

    @BeforeAll
    static void start() throws Exception {
        Observation leaky = new Observation();
        leaky.setId("Observation/" + LEAKY_OBSERVATION);
        leaky.setStatus(Observation.ObservationStatus.FINAL);
        leaky.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        leaky.setSubject(new Reference("Patient/" + FABIAN));
        leaky.addPerformer(new Reference("Patient/" + REYNA));
        stack = GuardedFhir.start(s -> s.maxRequestBodyBytes(64 * 1024), f -> { },
                List.<Resource>of(leaky));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static FhirContext fhir() {
        return FhirTestServer.fhirContext();
    }

    private static Bundle bundle(Http.Response r) {
        return fhir().newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static String fabian() {
        return stack.patientToken(FABIAN);
    }

    @Test
    void searchWithoutPatientIsNarrowedAndServerReceivesNarrowedQuery() {
        Http.Response r = Http.get(stack.url("Observation?category=laboratory"))
                .bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().values("patient"))
                .singleElement().asString().endsWith(FABIAN);
        assertThat(stack.fhir().received().last().values("category"))
                .containsExactly("laboratory");
        assertThat(bundle(r).getEntry()).isNotEmpty().allSatisfy(e -> assertThat(
                ((Observation) e.getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + FABIAN));
    }

    @Test
    void postSearchFormIsNarrowedAndServerReceivesNarrowedParameters() {
        Http.Response r = Http.method("POST", stack.url("Observation/_search")).bearer(fabian())
                .body("application/x-www-form-urlencoded", "code=http%3A%2F%2Floinc.org%7C8302-2")
                .send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().values("patient"))
                .singleElement().asString().endsWith(FABIAN);
        assertThat(stack.fhir().received().last().values("code"))
                .containsExactly("http://loinc.org|8302-2");
        assertThat(bundle(r).getEntry()).isNotEmpty();
    }

    @Test
    void postSearchFormNamingAnotherPatientGets403() {
        Http.Response r = Http.method("POST", stack.url("Observation/_search")).bearer(fabian())
                .body("application/x-www-form-urlencoded", "patient=" + REYNA).send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void searchForAnotherPatientGets403AndNeverReachesServer() {
        int before = stack.fhir().received().all().size();

        Http.Response r = Http.get(stack.url("Observation?patient=" + REYNA)).bearer(fabian())
                .send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("OperationOutcome").doesNotContain(REYNA);
        assertThat(stack.fhir().received().all()).hasSize(before);
    }

    @Test
    void missingScopeGets403InsufficientScopeWithScope() {
        String token = stack.auth().token("u").patient(FABIAN).scope("patient/Patient.rs")
                .issue();

        Http.Response r = Http.get(stack.url("Observation")).bearer(token).send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"fhir\", error=\"insufficient_scope\"")
                .contains("error_description=\"").contains("scope=\""));
    }

    @Test
    void readOfAnotherPatientsObservationGets404() {
        String reynas = stack.fhir().store().observations(null, REYNA, null, null).get(0)
                .getIdPart();

        Http.Response r = Http.get(stack.url("Observation/" + reynas)).bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("response-not-visible").doesNotContain(REYNA);
        assertThat(r.header("ETag")).isEmpty();
    }

    @Test
    void headOfAnotherPatientsObservationGets404() {
        String reynas = stack.fhir().store().observations(null, REYNA, null, null).get(0)
                .getIdPart();

        Http.Response r = Http.method("HEAD", stack.url("Observation/" + reynas))
                .bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("ETag")).isEmpty();
    }

    @Test
    void readOfOwnObservationPassesTheResponseCheck() {
        String own = stack.fhir().store().observations(null, FABIAN, null, null).get(0)
                .getIdPart();

        Http.Response r = Http.get(stack.url("Observation/" + own)).bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(own);
    }

    @Test
    void includedResourceOfAnotherPatientIsRemoved() {
        Http.Response r = Http.get(stack.url("Observation?_id=" + LEAKY_OBSERVATION
                + "&_include=Observation:performer:Patient")).bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(LEAKY_OBSERVATION)
                .doesNotContain("\"id\":\"" + REYNA + "\"");
        assertThat(bundle(r).getTotal()).isEqualTo(1);
        assertThat(bundle(r).getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("Observation");
        assertThat(stack.auditLineOf(r)).contains("\"entriesRemoved\":1");
    }

    @Test
    void includedResourceOfAnotherPatientIsRemovedFromXmlToo() {
        Http.Response r = Http.get(stack.url("Observation?_id=" + LEAKY_OBSERVATION
                + "&_include=Observation:performer:Patient&_format=xml")).bearer(fabian())
                .send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("<Bundle").contains(LEAKY_OBSERVATION)
                .doesNotContain("<id value=\"" + REYNA + "\"/>");
    }

    @Test
    void transactionWithOneOtherPatientEntryIsRefusedWhole() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation?category=vital-signs");
        transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation?patient=" + REYNA);
        int before = stack.fhir().received().all().size();

        Http.Response r = Http.method("POST", stack.url("")).bearer(fabian()).body(
                "application/fhir+json", fhir().newJsonParser().encodeResourceToString(
                        transaction)).send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("OperationOutcome");
        assertThat(stack.fhir().received().all()).hasSize(before);
    }

    @Test
    void batchWithAllowedAndOtherPatientEntriesAnswersEachEntry() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation?category=vital-signs");
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Observation?patient=" + REYNA);
        String body = fhir().newJsonParser().encodeResourceToString(batch);

        Http.Response r = Http.method("POST", stack.url("")).bearer(fabian())
                .body("application/fhir+json", body).send();

        assertThat(r.status()).isEqualTo(200);
        Bundle answer = bundle(r);
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).hasSize(2);
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        Bundle first = (Bundle) answer.getEntry().get(0).getResource();
        assertThat(first.getEntry()).isNotEmpty().allSatisfy(e -> assertThat(
                ((Observation) e.getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + FABIAN));
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).startsWith("403");
        assertThat(answer.getEntry().get(1).getResponse().getOutcome()).isNotNull();
        assertThat(answer.getEntry().get(1).hasResource()).isFalse();
    }

    @Test
    void unknownSearchParametersGet400ListingEachOne() {
        Http.Response r = Http.get(stack.url("Observation?foo=1&bar=2")).bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("foo").contains("bar");
        assertThat(fhir().newJsonParser().parseResource(
                org.hl7.fhir.r4.model.OperationOutcome.class, r.body()).getIssue()).hasSize(2);
    }

    @Test
    void clampedCountIsReportedInTheSearchResult() {
        Http.Response r = Http.get(stack.url("Observation?_count=100000")).bearer(fabian())
                .send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().values("_count")).singleElement()
                .isNotEqualTo("100000");
        assertThat(bundle(r).getEntry()).anySatisfy(e -> {
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
            assertThat(fhir().newJsonParser().encodeResourceToString(e.getResource()))
                    .contains("param-count-clamped");
        });
    }

    private static String observationFor(String patient) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        o.setSubject(new Reference("Patient/" + patient));
        return fhir().newJsonParser().encodeResourceToString(o);
    }

    private static String writer() {
        return stack.auth().token("writer").patient(FABIAN)
                .scope("patient/Observation.cruds").issue();
    }

    @Test
    void createForOwnPatientIsCheckedAndPassed() {
        Http.Response r = Http.method("POST", stack.url("Observation")).bearer(writer())
                .body("application/fhir+json", observationFor(FABIAN)).send();

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).hasValueSatisfying(
                l -> assertThat(l).contains("Observation/created-"));
    }

    @Test
    void createForAnotherPatientGets403() {
        int before = stack.fhir().received().all().size();

        Http.Response r = Http.method("POST", stack.url("Observation")).bearer(writer())
                .body("application/fhir+json", observationFor(REYNA)).send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(stack.fhir().received().all()).hasSize(before);
    }

    @Test
    void createWithABodyThatIsNotFhirGets400() {
        Http.Response r = Http.method("POST", stack.url("Observation")).bearer(writer())
                .body("application/fhir+json", "{\"resourceType\":\"Observation\",").send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("request-body-not-fhir");
    }

    @Test
    void deleteOfMetadataGets405() {
        Http.Response r = Http.method("DELETE", stack.url("metadata")).bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).contains("request-method-not-allowed");
    }

    @Test
    void bodyOverTheLimitGets413() {
        Http.Response r = Http.method("POST", stack.url("Observation/_search")).bearer(fabian())
                .body("application/x-www-form-urlencoded", "code=" + "a".repeat(70 * 1024))
                .send();

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("request-body-too-large");
    }

    @Test
    void crlfInjectionInQueryGets400() {
        Http.Response r = Http.get(stack.url("Observation?code=a%0D%0ASet-Cookie:x"))
                .bearer(fabian()).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Set-Cookie")).isEmpty();
    }
}
