package io.fhirguard.request;

import static io.fhirguard.request.RequestDescriptions.describe;
import static io.fhirguard.request.RequestDescriptions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fhirguard.refusal.FhirGuardException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds the parser what a real HTTP server on loopback receives, to show that the raw path and
 * query reach it undecoded and unnormalized, as {@link RawRequest} requires.
 */
class FhirRequestParserHttpTest {
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        FhirRequestParser parser = FhirRequestParser.create(RequestParserConfig.defaults());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", exchange -> answer(parser, exchange));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void answer(FhirRequestParser parser, HttpExchange exchange)
            throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
        RawRequest raw = new RawRequest(exchange.getRequestMethod(),
                path.startsWith("/") ? path.substring(1) : path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestBody().readAllBytes());

        int status;
        String text;
        try {
            text = describe(parser.parse(raw));
            status = 200;
        } catch (FhirGuardException e) {
            text = problems(e);
            status = e.status();
        }

        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String relative) {
        return HttpRequest.newBuilder(URI.create(base + relative)).GET();
    }

    @Test
    void encodedSlashSentOverHttpIsRefused() throws Exception {
        HttpResponse<String> response = send(get("Patient/1%2F..%2Fsecret"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("REQUEST_ENCODED_SEPARATOR@path[1]");
    }

    @Test
    void dotDotSegmentSentOverHttpIsRefusedNotNormalized() throws Exception {
        HttpResponse<String> response = send(get("Patient/%2e%2e/metadata"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("REQUEST_DOT_SEGMENT@path[1]");
    }

    @Test
    void encodedQuerySentOverHttpIsDecodedOnce() throws Exception {
        HttpResponse<String> response = send(
                get("Observation?code=http%3A%2F%2Floinc.org%7C4548-4&note=a+b%2Bc%2541"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("SEARCH_TYPE type=Observation "
                + "params=[code=http://loinc.org|4548-4&note=a b+c%41]");
    }

    @Test
    void searchPostedOverHttpJoinsFormBodyAfterQuery() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(base + "Patient/1/Observation/_search?_count=5"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=4548-4&date=ge2020-01-01")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("SEARCH_COMPARTMENT type=Observation in=Patient/1 "
                + "params=[_count=5&code=4548-4&date=ge2020-01-01]");
    }

    @Test
    void overLongQuerySentOverHttpGets414() throws Exception {
        HttpResponse<String> response = send(get("Patient?name=" + "a".repeat(9000)));

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.body()).isEqualTo("REQUEST_QUERY_TOO_LONG@query");
    }
}
