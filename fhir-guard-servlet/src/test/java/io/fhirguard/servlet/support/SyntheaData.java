package io.fhirguard.servlet.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads the synthetic Synthea patients shipped under {@code src/test/resources/synthea} and
 * rewrites their bundle-internal {@code urn:uuid:} references to {@code Type/id}.
 */
public final class SyntheaData {
    /** Fabian Murray's Patient id. */
    public static final String FABIAN = "b4a36fff-6981-496a-a0d3-b274dd4b363a";
    /** Reyna Ziemann's Patient id. */
    public static final String REYNA = "76d2fa2d-66a6-4823-8dab-52cd70822844";
    /** Thanh Considine's Patient id. */
    public static final String THANH = "51a34344-0cae-44ac-94ef-8d46bce612dc";

    private static final String[] FILES = {
        "Fabian_Murray.json", "Reyna_Ziemann.json", "Thanh_Considine.json"};

    private SyntheaData() {
    }

    /**
     * Reads every shipped file.
     *
     * @param context an R4 context
     * @return every resource, references rewritten
     */
    public static List<Resource> load(FhirContext context) {
        List<Resource> all = new ArrayList<>();
        for (String file : FILES) {
            all.addAll(loadFile(context, file));
        }
        return all;
    }

    private static List<Resource> loadFile(FhirContext context, String file) {
        try (InputStream in = SyntheaData.class.getResourceAsStream("/synthea/" + file)) {
            Bundle bundle = context.newJsonParser().parseResource(Bundle.class, in);
            Map<String, String> targets = new HashMap<>();
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                targets.put(e.getFullUrl(), e.getResource().fhirType() + "/" + idOf(e));
            }
            List<Resource> resources = new ArrayList<>();
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                Resource r = e.getResource();
                rewrite(context, r, targets);
                r.setId(r.fhirType() + "/" + idOf(e));
                resources.add(r);
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String idOf(Bundle.BundleEntryComponent e) {
        String full = e.getFullUrl();
        return full.startsWith("urn:uuid:") ? full.substring("urn:uuid:".length())
                : e.getResource().getIdElement().getIdPart();
    }

    private static void rewrite(FhirContext context, Resource r, Map<String, String> targets) {
        for (Reference ref : context.newTerser().getAllPopulatedChildElementsOfType(r,
                Reference.class)) {
            String target = targets.get(ref.getReference());
            if (target != null) {
                ref.setReference(target);
            }
            // The parser links references to the Bundle's resources; drop the links so that
            // nothing is included in a search unless a provider attaches it on purpose.
            ref.setResource(null);
        }
    }
}
