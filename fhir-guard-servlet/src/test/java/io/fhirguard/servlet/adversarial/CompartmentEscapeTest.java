package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static io.fhirguard.servlet.adversarial.ClinicalStore.A_CROSS;
import static io.fhirguard.servlet.adversarial.ClinicalStore.B;
import static io.fhirguard.servlet.adversarial.Leaks.assertNothingOfB;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compartment escapes: a token of patient A ({@code patient/*.rs}, or {@code patient/*.cruds}
 * for writes) tries every way to reach patient B through a correct FHIR server. Each test asserts
 * its specific outcome and that no resource, name or Observation id of B comes back.
 */
@ExtendWith(LeakWatch.class)
class CompartmentEscapeTest {
    private static Target target;
    private static String tokenA;

    @BeforeAll
    static void start() throws Exception {
        target = Target.start();
        tokenA = target.tokenForA();
    }

    @AfterAll
    static void stop() throws Exception {
        target.close();
    }

    @Test
    void ownDataIsServedSoTheEscapesBelowAreMeaningful() {
        Http.Response r = get("Observation?subject=Patient/" + A);

        assertThat(r.status()).isEqualTo(200);
        assertThat(Leaks.resourceKeys(r.body())).contains("Observation/" + A_CROSS)
                .hasSize(entriesOf(A));
        assertNothingOfB(r, target.store());
    }

    @Test
    void searchBySubjectOfBIsRefused() {
        Http.Response r = get("Observation?subject=Patient/" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void searchByPatientParameterOfBIsRefused() {
        Http.Response r = get("Observation?patient=" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void orListNamingBIsRefused() {
        Http.Response r = get("Observation?subject=Patient/" + A + ",Patient/" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void repeatedParameterNamingBIsRefused() {
        Http.Response r = get("Observation?patient=" + A + "&patient=" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void absoluteReferenceToBIsRefused() {
        Http.Response r = get("Observation?subject=" + target.base() + "/Patient/" + B);

        assertRefused(r, 400, "param-absolute-reference-refused");
    }

    @Test
    void typedModifierWithBareIdOfBIsRefused() {
        Http.Response r = get("Observation?subject:Patient=" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void performerOfBIsRefused() {
        Http.Response r = get("Observation?performer=Patient/" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void percentEncodedReferenceToBIsRefused() {
        Http.Response r = get("Observation?subject=Patient%2F" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void compartmentSearchOfBIsRefused() {
        Http.Response r = get("Patient/" + B + "/Observation");

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void ownCompartmentSearchNamingBIsRefused() {
        Http.Response r = get("Patient/" + A + "/Observation?subject=Patient/" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void everythingOfBIsRefused() {
        Http.Response r = get("Patient/" + B + "/$everything");

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void everythingOfAHoldsNothingOfB() {
        Http.Response r = get("Patient/" + A + "/$everything");

        assertThat(r.status()).isEqualTo(200);
        assertThat(Leaks.resourceKeys(r.body())).contains("Patient/" + A);
        assertNothingOfB(r, target.store());
    }

    @Test
    void chainOnBsNameFindsNothing() {
        Http.Response r = get("Observation?subject.name=Ziemann");

        assertThat(r.status()).isIn(200, 403);
        assertThat(Leaks.resourceKeys(r.body())).isEmpty();
        assertNothingOfB(r, target.store());
    }

    @Test
    void reverseChainHasFindsOnlyA() {
        Http.Response r = get("Patient?_has:Observation:subject:code=8302-2");

        assertThat(r.status()).isIn(200, 403);
        assertThat(Leaks.resourceKeys(r.body())).isSubsetOf("Patient/" + A);
        assertNothingOfB(r, target.store());
    }

    @Test
    void patientSearchByBsNameFindsNothing() {
        Http.Response r = get("Patient?name=Ziemann");

        assertThat(r.status()).isIn(200, 403);
        assertThat(Leaks.resourceKeys(r.body())).isEmpty();
        assertNothingOfB(r, target.store());
    }

    @Test
    void includeOfPerformerBIsRemovedFromTheBundle() {
        Http.Response r = get("Observation?_include=Observation:performer");

        assertThat(r.status()).isEqualTo(200);
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void includeOfPerformerBInXmlIsRemovedFromTheBundle() {
        Http.Response r = get("Observation?_include=Observation:performer&_format=xml");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("<Bundle");
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void includeWildcardReachesNothingOfB() {
        Http.Response r = get("Observation?_include=*");

        assertThat(r.status()).isIn(400, 403);
        assertNothingOfB(r, target.store());
    }

    @Test
    void revincludeOfBsObservationIsRemovedFromTheBundle() {
        Http.Response r = get("Encounter?_revinclude=Observation:encounter");

        assertThat(r.status()).isEqualTo(200);
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void includeIterateIsRefusedByDefault() {
        Http.Response r = get("Observation?_include=Observation:encounter"
                + "&_include:iterate=Encounter:subject");

        assertRefused(r, 403, "authz-include-denied");
    }

    @Test
    void includeIterateWhenAllowedReachesNothingOfB() throws Exception {
        try (Target lenient = Target.start(java.time.Clock.systemUTC(), s -> s,
                f -> f.authorizationConfig(io.fhirguard.authz.AuthorizationConfig.builder()
                        .includeIterateAllowed(true).build()))) {
            Http.Response r = lenient.get("Observation?_include=Observation:encounter"
                    + "&_include:iterate=Encounter:subject", lenient.tokenForA());

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(lenient.auditOf(r).entriesRemoved()).as("entries the guard removed")
                    .isPositive();
            assertNothingOfB(r, lenient.store());
        }
    }

    @Test
    void batchEntriesForBAreRefusedWhileAsEntryIsServed() {
        Http.Response r = post("", "application/fhir+json", bundle("batch",
                "Patient/" + A, "Patient/" + B, "Observation?subject=Patient/" + B,
                "Observation/" + observationOf(B)));

        assertThat(r.status()).isEqualTo(200);
        assertThat(Leaks.resourceKeys(r.body())).contains("Patient/" + A);
        assertNothingOfB(r, target.store());
    }

    @Test
    void transactionWithOneEntryForBIsRefusedWhole() {
        Http.Response r = post("", "application/fhir+json", bundle("transaction",
                "Patient/" + A, "Observation?subject=Patient/" + B));

        assertRefused(r, 403, "authz-transaction-entry-denied");
    }

    @Test
    void postSearchNamingBInTheBodyIsRefused() {
        Http.Response r = post("Observation/_search", "application/x-www-form-urlencoded",
                "subject=" + enc("Patient/" + B));

        assertRefused(r, 403, "authz-compartment-escape");
    }

    // Found by GuardFuzzProperties: a form body that already confines the search to A is
    // permitted unchanged, and must reach HAPI with its parameters.
    @Test
    void postSearchConfinedToAByTheBodyReturnsOnlyA() {
        Http.Response r = post("Observation/_search", "application/x-www-form-urlencoded",
                "subject=" + enc("Patient/" + A));

        assertThat(r.status()).isEqualTo(200);
        assertNothingOfB(r, target.store());
        assertThat(Leaks.resourceKeys(r.body())).hasSize(entriesOf(A));
    }

    @Test
    void postPatientSearchConfinedToAByTheBodyReturnsOnlyA() {
        Http.Response r = post("Patient/_search", "application/x-www-form-urlencoded",
                "_id=" + A);

        assertThat(r.status()).isEqualTo(200);
        assertNothingOfB(r, target.store());
        assertThat(Leaks.resourceKeys(r.body())).containsExactly("Patient/" + A);
    }

    @Test
    void postSearchWithBInBodyAndAInQueryIsRefused() {
        Http.Response r = post("Observation/_search?subject=Patient/" + A,
                "application/x-www-form-urlencoded", "patient=" + B);

        assertThat(r.status()).isNotEqualTo(200);
        assertNothingOfB(r, target.store());
    }

    @Test
    void readOfBsObservationByIdIsNotFound() {
        Http.Response r = get("Observation/" + observationOf(B));

        assertRefused(r, 404, null);
    }

    @Test
    void readOfBsEncounterByIdIsNotFound() {
        Http.Response r = get("Encounter/" + target.store().encountersOf(B).get(0));

        assertRefused(r, 404, null);
    }

    @Test
    void readOfBsPatientIsRefused() {
        Http.Response r = get("Patient/" + B);

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void searchByIdOfBsObservationFindsNothing() {
        Http.Response r = get("Observation?_id=" + observationOf(B));

        assertThat(r.status()).isEqualTo(200);
        assertThat(Leaks.resourceKeys(r.body())).isEmpty();
        assertNothingOfB(r, target.store());
    }

    @Test
    void summaryCountCountsOnlyA() {
        Http.Response r = get("Observation?_summary=count");

        assertThat(r.status()).isEqualTo(200);
        Bundle bundle = Target.FHIR.newJsonParser().parseResource(Bundle.class, r.body());
        assertThat(bundle.getTotal()).isEqualTo(entriesOf(A));
        assertNothingOfB(r, target.store());
    }

    @Test
    void historyOfBsPatientIsRefused() {
        Http.Response r = get("Patient/" + B + "/_history");

        assertRefused(r, 403, "authz-compartment-escape");
    }

    @Test
    void historyOfBsObservationHoldsNothingOfB() {
        Http.Response r = get("Observation/" + observationOf(B) + "/_history");

        assertThat(r.status()).isIn(200, 403, 404);
        assertNothingOfB(r, target.store());
    }

    @Test
    void typeHistoryHoldsNothingOfB() {
        Http.Response r = get("Observation/_history");

        assertThat(r.status()).isEqualTo(200);
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void systemHistoryHoldsNothingOfB() {
        Http.Response r = get("_history");

        assertThat(r.status()).isEqualTo(200);
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void conditionalUpdateWithSearchForBIsRefusedAndChangesNothing() {
        String writer = target.issue(target.patientA()
                .claim("scope", "launch/patient patient/*.cruds"));
        String before = json(target.store().read("Observation", observationOf(B))
                .orElseThrow());
        String body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":"
                + "\"x\"},\"subject\":{\"reference\":\"Patient/" + A + "\"}}";

        Http.Response r = Http.method("PUT", target.url("Observation?subject=Patient/" + B))
                .bearer(writer).body("application/fhir+json", body).send();

        assertRefused(r, 403, "authz-compartment-escape");
        assertThat(target.store().keysOf(B)).contains("Observation/" + observationOf(B));
        assertThat(json(target.store().read("Observation", observationOf(B)).orElseThrow()))
                .isEqualTo(before);
    }

    @Test
    void conditionalDeleteWithSearchForBIsRefusedAndDeletesNothing() {
        String writer = target.issue(target.patientA()
                .claim("scope", "launch/patient patient/*.cruds"));
        int before = target.store().keysOf(B).size();

        Http.Response r = Http.method("DELETE", target.url("Observation?subject=Patient/" + B))
                .bearer(writer).send();

        assertRefused(r, 403, "authz-compartment-escape");
        assertThat(target.store().keysOf(B)).hasSize(before);
    }

    @Test
    void conditionalCreateProbingBWithIfNoneExistRevealsNothing() {
        String writer = target.issue(target.patientA()
                .claim("scope", "launch/patient patient/*.cruds"));
        String body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":"
                + "\"x\"},\"subject\":{\"reference\":\"Patient/" + A + "\"}}";

        Http.Response r = Http.method("POST", target.url("Observation")).bearer(writer)
                .header("If-None-Exist", "subject=Patient/" + B + "&_id=" + observationOf(B))
                .header("Prefer", "return=representation")
                .body("application/fhir+json", body).send();

        assertRefused(r, 400, "request-conditional-create-unsupported");
        assertThat(r.headers("Location") + " " + r.headers("Content-Location"))
                .doesNotContain(observationOf(B));
        assertNothingOfB(r, target.store());
    }

    @Test
    void transactionEntryProbingBWithIfNoneExistIsRefused() {
        String writer = target.issue(target.patientA()
                .claim("scope", "launch/patient patient/*.cruds"));
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{"
                + "\"fullUrl\":\"urn:uuid:0b0e8d1a-59d2-4b0c-9d8a-6f1f2f0c1e11\",\"resource\":{"
                + "\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/" + A + "\"}},\"request\":{\"method\":"
                + "\"POST\",\"url\":\"Observation\",\"ifNoneExist\":\"subject=Patient/" + B
                + "&_id=" + observationOf(B) + "\"}}]}";

        Http.Response r = Http.method("POST", target.base()).bearer(writer)
                .body("application/fhir+json", bundle).send();

        assertRefused(r, 400, "request-conditional-create-unsupported");
    }

    @Test
    void readOfBsObservationWithElementsHidingTheSubjectIsNotFound() {
        Http.Response r = get("Observation/" + observationOf(B) + "?_elements=code");

        assertRefused(r, 404, "response-not-visible");
    }

    @Test
    void revincludeWithElementsHidingTheSubjectReachesNothingOfB() {
        Http.Response r = get("Encounter?_revinclude=Observation:encounter&_elements=status");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertNothingOfB(r, target.store());
    }

    @Test
    void revincludeInOwnCompartmentSearchReachesNothingOfB() {
        Http.Response r = get("Patient/" + A + "/Encounter?_revinclude=Observation:encounter");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(target.auditOf(r).entriesRemoved()).as("entries the guard removed")
                .isPositive();
        assertNothingOfB(r, target.store());
    }

    @Test
    void pagesOfAnotherCallersSearchShowNothingOfB() throws Exception {
        try (Target paged = Target.startWithPaging()) {
            String system = paged.issue(paged.token().claim("scope", "system/*.rs"));
            Http.Response first = paged.get("Observation", system);
            assertThat(first.status()).isEqualTo(200);
            Bundle bundle = Target.FHIR.newJsonParser().parseResource(Bundle.class,
                    first.body());
            String next = bundle.getLink("next").getUrl();
            String relative = next.substring(next.indexOf("/fhir") + "/fhir".length());
            relative = relative.startsWith("/") ? relative.substring(1) : relative;

            Http.Response r = paged.get(relative, paged.tokenForA());

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertNothingOfB(r, paged.store());
        }
    }

    private static void assertRefused(Http.Response r, int status, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("OperationOutcome");
        if (reason != null) {
            assertThat(r.body()).contains(reason);
        }
        assertNothingOfB(r, target.store());
    }

    private static int entriesOf(String patient) {
        return (int) target.store().keysOf(patient).stream()
                .filter(k -> k.startsWith("Observation/")).count();
    }

    private static String observationOf(String patient) {
        return target.store().keysOf(patient).stream().filter(k -> k.startsWith("Observation/"))
                .map(k -> k.substring("Observation/".length())).sorted().findFirst()
                .orElseThrow();
    }

    private static String bundle(String type, String... getUrls) {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"" + type
                + "\",\"entry\":[");
        for (int i = 0; i < getUrls.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"request\":{\"method\":\"GET\",\"url\":\"")
                    .append(getUrls[i]).append("\"}}");
        }
        return sb.append("]}").toString();
    }

    private static Http.Response get(String relative) {
        return target.get(relative, tokenA);
    }

    private static Http.Response post(String relative, String type, String body) {
        return Http.method("POST", relative.isEmpty() ? target.base() : target.url(relative))
                .bearer(tokenA).body(type, body).send();
    }

    private static String json(org.hl7.fhir.r4.model.Resource r) {
        return Target.FHIR.newJsonParser().encodeResourceToString(r);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
