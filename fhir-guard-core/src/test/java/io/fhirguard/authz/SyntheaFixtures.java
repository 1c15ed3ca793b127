package io.fhirguard.authz;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads the Synthea extracts in {@code src/test/resources/synthea} and rewrites their
 * {@code urn:uuid:} references to {@code Type/id}, as a server stores them.
 */
final class SyntheaFixtures {
    static final String BARRETT = "494743a2-fea5-4827-8f02-c2b91e4a4c9e";
    static final String AMMIE = "aa0b29d0-6916-4fb7-85f0-6e42370dd5fa";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private SyntheaFixtures() {
    }

    static List<Resource> barrett() {
        return load("barrett-cummings");
    }

    static List<Resource> ammie() {
        return load("ammie-huels");
    }

    static List<Resource> load(String name) {
        Bundle bundle;
        try (InputStream in = SyntheaFixtures.class.getResourceAsStream(
                "/synthea/" + name + ".json")) {
            bundle = FHIR.newJsonParser().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> ids = new HashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            // The parser takes the id from fullUrl (urn:uuid:<id>); keep the bare uuid.
            Resource r = e.getResource();
            String id = e.getFullUrl().substring("urn:uuid:".length());
            ids.put(e.getFullUrl(), r.fhirType() + "/" + id);
            r.setId(r.fhirType() + "/" + id);
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            for (Reference ref : FHIR.newTerser().getAllPopulatedChildElementsOfType(
                    e.getResource(), Reference.class)) {
                String target = ids.get(ref.getReference());
                if (target != null) {
                    ref.setReference(target);
                }
            }
        }
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .collect(Collectors.toList());
    }

    static <T extends Resource> T first(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow();
    }

    static Resource firstObservation(List<Resource> resources, String category) {
        return resources.stream().filter(r -> r instanceof org.hl7.fhir.r4.model.Observation o
                && o.getCategoryFirstRep().getCodingFirstRep().getCode().equals(category))
                .findFirst().orElseThrow();
    }

    static Bundle searchset(List<Resource> resources) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        resources.forEach(r -> b.addEntry().setResource(r));
        b.setTotal(resources.size());
        return b;
    }
}
