package io.fhirguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.internal.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md and the settings table in step. */
class SettingsDocumentedTest {

    @Test
    void everySettingIsDocumentedWithItsEnvironmentVariable() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        for (String name : SettingsLoader.names()) {
            assertThat(doc).as(name).contains("| `" + name + "` |")
                    .contains("`" + SettingsLoader.environmentName(name) + "`");
        }
    }
}
