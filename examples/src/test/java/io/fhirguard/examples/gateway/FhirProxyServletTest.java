package io.fhirguard.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.fhir.ExampleFhirServer;
import io.fhirguard.examples.fhir.ResourceStore;
import io.fhirguard.examples.fhir.SyntheaLoader;
import io.fhirguard.examples.server.LocalServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FhirProxyServletTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String REYNA = "76d2fa2d-66a6-4823-8dab-52cd70822844";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final List<String> upstreamAuthorization = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @Test
    void bundleLinksAndFullUrlsNameTheGatewayNotTheUpstream() throws Exception {
        URI upstream = startUpstream();
        LocalServer gateway = startGateway(upstream, Duration.ofSeconds(5),
                UpstreamCredential.NONE);

        HttpResponse<String> response = get(gateway, "/fhir/Observation?patient=" + REYNA
                + "&_count=5");

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        String gatewayBase = gateway.uri("/fhir").toString();
        assertThat(bundle.getLink()).isNotEmpty()
                .allSatisfy(l -> assertThat(l.getUrl()).startsWith(gatewayBase));
        assertThat(bundle.getEntry()).hasSize(5)
                .allSatisfy(e -> assertThat(e.getFullUrl())
                        .startsWith(gatewayBase + "/Observation/"));
        assertThat(response.body()).doesNotContain(upstream.toString());
    }

    @Test
    void callersAuthorizationIsNeverForwardedAndTheUpstreamCredentialIsSentInstead()
            throws Exception {
        URI upstream = startUpstream();
        LocalServer gateway = startGateway(upstream, Duration.ofSeconds(5),
                () -> Optional.of("Bearer upstream-credential"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                gateway.uri("/fhir/Patient/" + REYNA))
                .header("Authorization", "Bearer caller-token").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstreamAuthorization).containsExactly("Bearer upstream-credential");
    }

    @Test
    void refusedUpstreamConnectionIs502OperationOutcome() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        LocalServer gateway = startGateway(URI.create("http://127.0.0.1:" + closedPort + "/fhir"),
                Duration.ofSeconds(5), UpstreamCredential.NONE);

        HttpResponse<String> response = get(gateway, "/fhir/Patient/x");

        assertThat(response.statusCode()).isEqualTo(502);
        OperationOutcome outcome = FHIR.newJsonParser()
                .parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    }

    @Test
    void upstreamThatDoesNotAnswerInTimeIs504OperationOutcome() throws Exception {
        LocalServer slow = LocalServer.start(0, context -> context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                            throws IOException {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }), "/fhir/*"));
        closeables.add(slow);
        LocalServer gateway = startGateway(slow.uri("/fhir"), Duration.ofMillis(300),
                UpstreamCredential.NONE);

        HttpResponse<String> response = get(gateway, "/fhir/Patient/x");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TIMEOUT);
    }

    @Test
    void filterInFrontSeesTheWholeResponseBeforeItReturns() throws Exception {
        URI upstream = startUpstream();
        List<Integer> seenBytes = new CopyOnWriteArrayList<>();
        LocalServer gateway = startGateway(upstream, Duration.ofSeconds(5),
                UpstreamCredential.NONE, bufferingFilter(seenBytes));

        HttpResponse<String> response = get(gateway, "/fhir/Patient/" + REYNA);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seenBytes).containsExactly(response.body().getBytes().length);
    }

    private URI startUpstream() {
        ResourceStore store = SyntheaLoader.create(FHIR, Clock.systemUTC()).loadBundled();
        LocalServer upstream = LocalServer.start(0, context -> {
            context.addFilter(new FilterHolder((Filter) (req, resp, chain) -> {
                String auth = ((HttpServletRequest) req).getHeader("Authorization");
                upstreamAuthorization.add(auth == null ? "(none)" : auth);
                chain.doFilter(req, resp);
            }), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new ExampleFhirServer(FHIR, store)), "/fhir/*");
        });
        closeables.add(upstream);
        return upstream.uri("/fhir");
    }

    private LocalServer startGateway(URI upstream, Duration timeout,
            UpstreamCredential credential, Filter... filters) {
        LocalServer gateway = LocalServer.start(0, (context, port) -> {
            for (Filter filter : filters) {
                FilterHolder holder = new FilterHolder(filter);
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            GatewayConfig config = GatewayConfig.builder().upstream(upstream)
                    .publicBase(URI.create("http://127.0.0.1:" + port + "/fhir"))
                    .timeout(timeout).credential(credential).build();
            ServletHolder holder = new ServletHolder(new FhirProxyServlet(config, FHIR));
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/fhir/*");
        });
        closeables.add(gateway);
        return gateway;
    }

    /** Stands in for a response-checking filter: buffers everything, then writes it itself. */
    private static Filter bufferingFilter(List<Integer> seenBytes) {
        return (req, resp, chain) -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            HttpServletResponse original = (HttpServletResponse) resp;
            HttpServletResponseWrapper wrapper = new HttpServletResponseWrapper(original) {
                @Override
                public ServletOutputStream getOutputStream() {
                    return new ServletOutputStream() {
                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public void write(int b) {
                            buffer.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            buffer.write(b, off, len);
                        }
                    };
                }

                @Override
                public void setContentLength(int len) {
                }
            };
            chain.doFilter(req, wrapper);
            seenBytes.add(buffer.size());
            original.setContentLength(buffer.size());
            original.getOutputStream().write(buffer.toByteArray());
        };
    }

    private HttpResponse<String> get(LocalServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
