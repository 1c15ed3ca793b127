package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FhirServerAuditSinkTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();

    private HttpServer server;
    private final List<Bundle> received = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;

    @BeforeEach
    void startAuditServer() throws IOException {
        server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/fhir", this::handle);
        server.start();
    }

    @AfterEach
    void stopAuditServer() {
        server.stop(0);
    }

    // A FHIR batch endpoint: parses the Bundle with HAPI and answers 201 per entry.
    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        Bundle batch = R4.newJsonParser().parseResource(Bundle.class, body);
        received.add(batch);
        Bundle answer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        batch.getEntry().forEach(e -> answer.addEntry().getResponse().setStatus("201 Created"));
        byte[] out = R4.newJsonParser().encodeResourceToString(answer)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(answerStatus, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private FhirServerAuditSink sink(int batchSize) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        return FhirServerAuditSink.builder(base, FhirAuditEventMapper.of("fhir-guard@test"))
                .batchSize(batchSize).allowHttp(true).build();
    }

    @Test
    void eventsArePostedAsBatchBundlesOfAuditEvents() {
        FhirServerAuditSink sink = sink(3);

        for (int i = 0; i < 7; i++) {
            sink.record(AuditFixtures.deniedRead("ev-" + i));
        }
        sink.close();

        assertThat(received).extracting(b -> b.getEntry().size()).containsExactly(3, 3, 1);
        Bundle first = received.get(0);
        assertThat(first.getType()).isEqualTo(Bundle.BundleType.BATCH);
        assertThat(first.getEntryFirstRep().getRequest().getMethod())
                .isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(first.getEntryFirstRep().getRequest().getUrl()).isEqualTo("AuditEvent");
        assertThat(first.getEntryFirstRep().getResource())
                .isInstanceOf(org.hl7.fhir.r4.model.AuditEvent.class);
        assertThat(contentTypes).allMatch(c -> c.startsWith("application/fhir+json"));
        assertThat(sink.sentEvents()).isEqualTo(7);
        assertThat(sink.failedEvents()).isZero();
    }

    @Test
    void rejectedBatchIsCountedAndThrown() {
        answerStatus = 500;
        FhirServerAuditSink sink = sink(2);
        sink.record(AuditFixtures.deniedRead("a"));

        assertThatThrownBy(() -> sink.record(AuditFixtures.deniedRead("b")))
                .isInstanceOf(AuditException.class)
                .hasMessageEndingWith("2 of 2 audit events not delivered to http://127.0.0.1:"
                        + server.getAddress().getPort() + "/fhir (HTTP 500)");
        assertThat(sink.failedEvents()).isEqualTo(2);
        assertThat(sink.sentEvents()).isZero();
    }

    @Test
    void unreachableServerIsCountedAsFailed() {
        FhirServerAuditSink sink = sink(1);
        server.stop(0);

        assertThatThrownBy(() -> sink.record(AuditFixtures.deniedRead("a")))
                .isInstanceOf(AuditException.class).hasMessageContaining("no answer");
        assertThat(sink.failedEvents()).isEqualTo(1);
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThatIllegalArgumentException().isThrownBy(() -> FhirServerAuditSink.builder(
                URI.create("http://audit.invalid/fhir"), FhirAuditEventMapper.of("x"))
                .batchSize(0).build())
                .withMessage("invalid FHIR server audit sink:\n"
                        + "- base: must be an https URL (http only with allowHttp), was"
                        + " http://audit.invalid/fhir\n"
                        + "- batchSize: must be 1 to 1000, was 0");
    }
}
