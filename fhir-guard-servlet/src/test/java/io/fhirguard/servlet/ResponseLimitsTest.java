package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.AuthorizationServer;
import io.fhirguard.servlet.support.Http;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Responses that need a check but cannot get one are refused, never passed: a server behind
 * the filter that answers garbage, or more than the buffer limit.
 */
class ResponseLimitsTest {
    private static AuthorizationServer auth;
    private static Server server;

    /** Answers every request with what its path asks for: garbage, an error, or a huge body. */
    static final class MisbehavingServer extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (request.getRequestURI().endsWith("failing")) {
                response.sendError(500, "stack of the server with Patient/123 inside");
                return;
            }
            response.setStatus(200);
            response.setHeader("ETag", "W/\"1\"");
            if (request.getRequestURI().endsWith("garbage")) {
                response.setContentType("application/fhir+json");
                response.getOutputStream().write("{not json".getBytes(StandardCharsets.UTF_8));
            } else {
                response.setContentType("application/fhir+json");
                response.getOutputStream().write(("{\"resourceType\":\"Observation\",\"id\":\"big\","
                        + "\"status\":\"final\",\"code\":{\"text\":\"" + "x".repeat(8000)
                        + "\"}}").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        auth = new AuthorizationServer();
        FhirGuardFilter filter = FhirGuardFilter.builder().settings(FhirGuardSettings.builder()
                .issuer(auth.issuer()).audience(AuthorizationServer.AUDIENCE)
                .maxResponseBufferBytes(4096).build()).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(filter), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new MisbehavingServer()), "/fhir/*");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        auth.close();
    }

    private static Http.Response read(String id) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String token = auth.token("u").patient(FABIAN).scope("patient/Observation.rs").issue();
        return Http.get(URI.create("http://127.0.0.1:" + port + "/fhir/Observation/" + id))
                .bearer(token).send();
    }

    @Test
    void unparseableResponseThatNeedsACheckGets502() {
        Http.Response r = read("garbage");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body()).contains("response-uncheckable").doesNotContain("{not json");
        assertThat(r.header("ETag")).isEmpty();
    }

    @Test
    void serverErrorPageOfACheckedResponseIsNotPassedOn() {
        Http.Response r = read("failing");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("Patient/123").doesNotContain("stack of the server");
    }

    @Test
    void responseOverTheBufferLimitGets502() {
        Http.Response r = read("huge");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body()).contains("response-too-large").doesNotContain("xxxxxxxx");
    }
}
