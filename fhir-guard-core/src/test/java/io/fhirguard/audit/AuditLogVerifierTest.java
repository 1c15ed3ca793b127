package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogVerifierTest {
    @TempDir
    Path dir;

    private Path chainedLog(int records) {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder().logger(false).file(file)
                .hashChain(true).build()) {
            for (int i = 1; i <= records; i++) {
                sink.record(AuditFixtures.deniedRead("ev-" + i));
            }
        }
        return file;
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void untouchedChainIsIntact() throws IOException {
        AuditLogVerifier.Result result = AuditLogVerifier.verify(chainedLog(5));

        assertThat(result.isIntact()).isTrue();
        assertThat(result.records()).isEqualTo(5);
        assertThat(result.headHash()).get().asString().hasSize(64);
    }

    @Test
    void editedLineIsNamedAsEdited() throws IOException {
        List<String> lines = lines(chainedLog(5));
        lines.set(2, lines.get(2).replace("\"status\":429", "\"status\":200"));

        AuditLogVerifier.Result result = AuditLogVerifier.verify(lines);

        assertThat(result.isIntact()).isFalse();
        assertThat(result.firstBrokenLine()).hasValue(3);
        assertThat(result.firstBrokenId()).contains("ev-3");
        assertThat(result.problem()).contains(
                "the content does not match its hash (the record was edited)");
    }

    @Test
    void deletedLineBreaksTheChainAtTheLineAfterIt() throws IOException {
        List<String> lines = lines(chainedLog(5));
        lines.remove(2);

        AuditLogVerifier.Result result = AuditLogVerifier.verify(lines);

        assertThat(result.firstBrokenLine()).hasValue(3);
        assertThat(result.firstBrokenId()).contains("ev-4");
        assertThat(result.problem()).get().asString().startsWith("prevHash does not match");
    }

    @Test
    void reorderedLinesBreakTheChainAtTheFirstMovedLine() throws IOException {
        List<String> lines = lines(chainedLog(5));
        Collections.swap(lines, 1, 3);

        AuditLogVerifier.Result result = AuditLogVerifier.verify(lines);

        assertThat(result.firstBrokenLine()).hasValue(2);
        assertThat(result.firstBrokenId()).contains("ev-4");
        assertThat(result.records()).isEqualTo(1);
    }

    @Test
    void appendingWithANewSinkContinuesTheChain() throws IOException {
        Path file = chainedLog(30);
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder().logger(false).file(file)
                .hashChain(true).build()) {
            sink.record(AuditFixtures.deniedRead("ev-31"));
        }

        AuditLogVerifier.Result result = AuditLogVerifier.verify(file);

        assertThat(Files.size(file)).isGreaterThan(8192);
        assertThat(result.isIntact()).isTrue();
        assertThat(result.records()).isEqualTo(31);
    }

    @Test
    void appendingToAFileWhoseLastLineHasNoHashIsRefused() throws IOException {
        Path file = dir.resolve("plain.jsonl");
        Files.writeString(file, "{\"id\":\"x\"}\n", StandardCharsets.UTF_8);
        JsonLinesAuditSink sink = JsonLinesAuditSink.builder().logger(false).file(file)
                .hashChain(true).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                sink.record(AuditFixtures.deniedRead("ev-1")))
                .isInstanceOf(AuditException.class)
                .hasMessage("audit event ev-1 could not be written to " + file)
                .cause().hasMessageContaining("carries no hash; start a new file");
    }

    @Test
    void mainPrintsTheFirstBrokenRecordAndExitsWithOne() throws IOException {
        Path file = chainedLog(4);
        List<String> lines = lines(file);
        lines.remove(1);
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditLogVerifier.run(new String[] {file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
                "broken at line 2 (id ev-3): prevHash does not match the previous record's hash");
    }

    @Test
    void mainExitsWithZeroForAnIntactFile() {
        Path file = chainedLog(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditLogVerifier.run(new String[] {file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("intact: 2 records");
    }

    @Test
    void mainWithoutArgumentsExitsWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = AuditLogVerifier.run(new String[0], System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: AuditLogVerifier");
    }
}
