package io.fhirguard.examples.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheaLoaderTest {
    private static final Instant LOADED = Instant.parse("2026-01-02T03:04:05Z");
    private final SyntheaLoader loader = SyntheaLoader.create(FhirContext.forR4Cached(),
            Clock.fixed(LOADED, ZoneOffset.UTC));

    @Test
    void directoryLoadKeepsFullUrlIdsAndResolvesReferencesToThem(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("one.json"), bundle("p-1", "o-1"));
        Files.writeString(dir.resolve("ignored.txt"), "not a bundle");

        ResourceStore store = loader.loadDirectory(dir);

        assertThat(store.count("Patient")).isEqualTo(1);
        Resource obs = store.read("Observation", "o-1").orElseThrow();
        assertThat(((Observation) obs).getSubject().getReference()).isEqualTo("Patient/p-1");
        assertThat(obs.getMeta().getVersionId()).isEqualTo("1");
        assertThat(obs.getMeta().getLastUpdated().toInstant()).isEqualTo(LOADED);
    }

    @Test
    void folderWithoutBundlesIsRefusedNamingIt(@TempDir Path dir) {
        assertThatIllegalArgumentException().isThrownBy(() -> loader.loadDirectory(dir))
                .withMessage("no *.json bundle in folder " + dir);
    }

    @Test
    void fileThatIsNotABundleIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"resourceType\":\"Patient\"}");

        assertThatIllegalArgumentException().isThrownBy(() -> loader.loadDirectory(dir))
                .withMessage("not a FHIR R4 Bundle: bad.json");
    }

    @Test
    void bundledDataHasFourPatientsAndTheDemoFixture() {
        ResourceStore store = loader.loadBundled();

        assertThat(store.count("Patient")).isEqualTo(4);
        assertThat(store.read("Observation", "48cf6215-daf5-4107-861f-c1687c22fdae")).isPresent();
    }

    private static String bundle(String patientId, String observationId) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:%2$s","resource":{"resourceType":"Observation",
                  "status":"final","code":{"text":"x"},"subject":{"reference":"urn:uuid:%1$s"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(patientId, observationId);
    }
}
