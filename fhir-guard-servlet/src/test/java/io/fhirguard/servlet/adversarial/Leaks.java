package io.fhirguard.servlet.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Checks that a response carries nothing of patient B, by parsing and by plain text. */
final class Leaks {
    private Leaks() {
    }

    /**
     * Asserts that no resource of B (B's Patient, B's Observations and Encounters) is in the
     * response, nested Bundles included, and that none of B's names or Observation ids appears
     * anywhere in the body text (markers the request itself carried, such as an id echoed in a
     * Bundle's self link, are left to the parsed check).
     *
     * @param response the response
     * @param store the data, to know what is B's
     */
    static void assertNothingOfB(Http.Response response, ClinicalStore store) {
        Set<String> ofB = store.keysOf(ClinicalStore.B);
        assertThat(resourceKeys(response.body())).as("resources of B in the response")
                .doesNotContainAnyElementsOf(ofB);
        List<String> markers = new ArrayList<>(List.of("Ziemann", "Reyna"));
        ofB.stream().filter(k -> k.startsWith("Observation/"))
                .map(k -> k.substring("Observation/".length())).forEach(markers::add);
        String request = java.net.URLDecoder.decode(response.raw().request().uri().toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        markers.removeIf(request::contains);
        for (String marker : markers) {
            assertThat(response.body()).as("text of B in the response").doesNotContain(marker);
        }
    }

    /** The {@code Type/id} keys of every resource in a FHIR JSON body, nested Bundles too. */
    static Set<String> resourceKeys(String body) {
        Set<String> keys = new LinkedHashSet<>();
        if (body == null || !body.trim().startsWith("{")) {
            return keys;
        }
        try {
            collect(Target.FHIR.newJsonParser().parseResource(body), keys);
        } catch (RuntimeException notFhir) {
            // Not a FHIR resource: the text check still applies.
        }
        return keys;
    }

    private static void collect(IBaseResource resource, Set<String> keys) {
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (e.hasResource()) {
                    collect(e.getResource(), keys);
                }
            }
            return;
        }
        if (resource instanceof Resource r && r.getIdElement().hasIdPart()) {
            keys.add(r.fhirType() + "/" + r.getIdElement().getIdPart());
        }
    }
}
