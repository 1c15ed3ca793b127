package io.fhirguard.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonsDocumentedTest {

    @Test
    void everyReasonHasARowWithItsStatusInDocsReasons() throws IOException {
        String page = Files.readString(Path.of("../docs/reasons.md"), StandardCharsets.UTF_8);

        List<String> missing = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            String row = "| `" + reason.code() + "` | " + reason.status() + " | "
                    + reason.issueType().code() + " | "
                    + reason.bearerError().map(BearerError::code).orElse("") + " |";
            if (!page.contains(row.replace(" |  |", " | |"))) {
                missing.add(row);
            }
        }

        assertThat(missing).as("rows missing from docs/reasons.md").isEmpty();
    }
}
