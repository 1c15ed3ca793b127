package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSinksTest {
    @TempDir
    Path dir;

    /** Registered in META-INF/services for the ServiceLoader test. */
    public static final class MemoryProvider implements AuditSinkProvider {
        static final List<AuditEvent> RECORDED = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "memory-test";
        }

        @Override
        public AuditSink create(Map<String, String> settings) {
            return RECORDED::add;
        }
    }

    @Test
    void jsonLinesSinkIsMadeFromSettings() throws IOException {
        Path file = dir.resolve("a.jsonl");

        try (AuditSink sink = AuditSinks.create("json-lines", Map.of("logger", "false",
                "file", file.toString(), "hash-chain", "true"))) {
            sink.record(AuditFixtures.deniedRead("s1"));
        }

        assertThat(AuditLogVerifier.verify(file).isIntact()).isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"id\":\"s1\"");
    }

    @Test
    void asyncSettingWrapsTheSink() {
        AuditSink sink = AuditSinks.create("json-lines", Map.of("async", "true",
                "async.overflow", "drop", "async.capacity", "10"));

        assertThat(sink).isInstanceOf(AsyncAuditSink.class);
        sink.close();
    }

    @Test
    void providerFoundByServiceLoaderIsChosenByName() {
        AuditSink sink = AuditSinks.create("memory-test", Map.of());

        sink.record(AuditFixtures.deniedRead("p1"));

        assertThat(MemoryProvider.RECORDED).extracting(AuditEvent::id).contains("p1");
        assertThat(AuditSinks.names()).contains("memory-test", "json-lines", "fhir-server");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditSinks.create("syslog", Map.of()))
                .withMessage("audit sink 'syslog' is unknown; known: [fhir-server, json-lines,"
                        + " memory-test]");
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditSinks.create("json-lines", Map.of("loger", "true",
                        "hash-chain", "yes", "async", "true", "async.overflow", "block")))
                .withMessage("invalid settings for audit sink 'json-lines':\n"
                        + "- loger: unknown setting; known: [file, hash-chain, logger]\n"
                        + "- hash-chain: must be true or false, was 'yes'\n"
                        + "- async.overflow: must be wait or drop, was 'block'");
    }

    @Test
    void compositeRecordsToEverySinkEvenWhenOneFails() {
        List<AuditEvent> second = new CopyOnWriteArrayList<>();
        AuditSink failing = event -> {
            throw new AuditException("down", null);
        };
        AuditSink both = AuditSinks.composite(List.of(failing, second::add));

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                both.record(AuditFixtures.deniedRead("c1")))
                .isInstanceOf(AuditException.class)
                .hasMessage("audit event c1 not recorded by every sink");
        assertThat(second).extracting(AuditEvent::id).containsExactly("c1");
    }
}
