package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static io.fhirguard.servlet.support.SyntheaData.REYNA;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.FhirTestServer;
import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import java.net.URI;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HAPI's paging links behind the filter: each page is re-checked for the current caller. */
class PagingTest {
    private static GuardedFhir stack;

    @BeforeAll
    static void start() throws Exception {
        stack = GuardedFhir.start();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Bundle bundle(Http.Response r) {
        return FhirTestServer.fhirContext().newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static URI next(Bundle b) {
        assertThat(b.getLink(Bundle.LINK_NEXT)).as("next link").isNotNull();
        return URI.create(b.getLink(Bundle.LINK_NEXT).getUrl());
    }

    private static long subjects(Bundle b, String patient) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance)
                .filter(o -> ((Observation) o).getSubject().getReference()
                        .equals("Patient/" + patient))
                .count();
    }

    @Test
    void nextPageOfOwnSearchIsServedWithOnlyOwnResources() {
        String fabian = stack.patientToken(FABIAN);
        Http.Response first = Http.get(stack.url("Observation?_count=2")).bearer(fabian).send();
        assertThat(first.status()).isEqualTo(200);

        Http.Response second = Http.get(next(bundle(first))).bearer(fabian).send();

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        Bundle page = bundle(second);
        assertThat(page.getEntry()).isNotEmpty();
        assertThat(subjects(page, FABIAN)).isEqualTo(page.getEntry().size());
    }

    @Test
    void nextPageOfAnotherCallersSearchShowsNoneOfTheirPatientsResources() {
        String system = stack.auth().token("backend").scope("system/Observation.rs").issue();
        Http.Response first = Http.get(stack.url("Observation?patient=" + REYNA + "&_count=2"))
                .bearer(system).send();
        assertThat(first.status()).isEqualTo(200);
        URI next = next(bundle(first));
        Http.Response asSystem = Http.get(next).bearer(system).send();
        assertThat(subjects(bundle(asSystem), REYNA)).as("the page holds Reyna's data")
                .isPositive();

        Http.Response asFabian = Http.get(next).bearer(stack.patientToken(FABIAN)).send();

        assertThat(asFabian.status()).isEqualTo(200);
        Bundle page = bundle(asFabian);
        assertThat(subjects(page, REYNA)).isZero();
        assertThat(page.getEntry()).isEmpty();
        assertThat(page.hasTotal()).isFalse();
    }

    @Test
    void pagingLinkWithAnExtraSearchParameterGets400() {
        String fabian = stack.patientToken(FABIAN);
        Http.Response first = Http.get(stack.url("Observation?_count=2")).bearer(fabian).send();

        Http.Response r = Http.get(URI.create(next(bundle(first)) + "&patient=" + FABIAN))
                .bearer(fabian).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("_getpages");
    }
}
