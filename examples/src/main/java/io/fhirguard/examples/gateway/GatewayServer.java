package io.fhirguard.examples.gateway;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.examples.serve.GuardSetup;
import io.fhirguard.examples.server.LocalServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The {@code gateway} example: {@code FhirGuardFilter} in front of a FHIR server that is not
 * ours, forwarding what it permits with {@link FhirProxyServlet}.
 *
 * <p>The filter runs exactly as in {@code serve}: token validation, parameter checks, the
 * authorization decision with narrowing, and the response check on what the upstream returns.
 *
 * @since 1.0
 */
public final class GatewayServer implements AutoCloseable {
    private final LocalServer http;
    private final Optional<EmbeddedAuthorizationServer> authorizationServer;
    private final GuardSetup guard;
    private final URI upstream;

    private GatewayServer(LocalServer http, Optional<EmbeddedAuthorizationServer> auth,
            GuardSetup guard, URI upstream) {
        this.http = http;
        this.authorizationServer = auth;
        this.guard = guard;
        this.upstream = upstream;
    }

    /**
     * Starts the gateway.
     *
     * @param settings the examples' settings; {@code FHIRGUARD_UPSTREAM} is required
     * @param credential what to send upstream in place of the caller's credential
     * @return the running gateway
     * @throws IllegalArgumentException when {@code FHIRGUARD_UPSTREAM} is missing or a setting
     *     is invalid
     * @throws IllegalStateException if a server cannot start
     */
    public static GatewayServer start(ExampleSettings settings, UpstreamCredential credential) {
        URI upstream = settings.uri(ExampleSettings.UPSTREAM).orElseThrow(() ->
                new IllegalArgumentException(ExampleSettings.UPSTREAM
                        + " is required: the base URL of the FHIR server to protect"));
        FhirContext fhir = FhirContext.forR4Cached();
        AtomicReference<EmbeddedAuthorizationServer> auth = new AtomicReference<>();
        AtomicReference<GuardSetup> guard = new AtomicReference<>();
        try {
            LocalServer http = LocalServer.start(settings.port(), (context, port) -> {
                URI base = URI.create("http://" + LocalServer.LOOPBACK + ":" + port + "/fhir");
                if (settings.get(ExampleSettings.ISSUER).isEmpty()) {
                    auth.set(EmbeddedAuthorizationServer.start(0, base.toString(), true));
                }
                guard.set(GuardSetup.resolve(settings, base, Optional.ofNullable(auth.get())));
                guard.get().install(context, "/fhir/*");
                GatewayConfig config = GatewayConfig.builder().upstream(upstream).publicBase(base)
                        .timeout(settings.upstreamTimeout()).credential(credential).build();
                ServletHolder proxy = new ServletHolder(new FhirProxyServlet(config, fhir));
                proxy.setAsyncSupported(true);
                context.addServlet(proxy, "/fhir/*");
            });
            return new GatewayServer(http, Optional.ofNullable(auth.get()), guard.get(), upstream);
        } catch (RuntimeException e) {
            if (auth.get() != null) {
                auth.get().close();
            }
            throw e;
        }
    }

    /**
     * Returns the gateway's FHIR base URL.
     *
     * @return {@code http://127.0.0.1:<port>/fhir}
     */
    public URI fhirBase() {
        return http.uri("/fhir");
    }

    /**
     * Returns the embedded authorization server, when no issuer was configured.
     *
     * @return the server, or empty
     */
    public Optional<EmbeddedAuthorizationServer> authorizationServer() {
        return authorizationServer;
    }

    /**
     * Returns the audit log file.
     *
     * @return the JSON-lines audit file
     */
    public Path auditFile() {
        return guard.auditFile();
    }

    /**
     * Prints where the gateway listens and where it forwards.
     *
     * @param out where to print
     */
    public void printBanner(PrintStream out) {
        out.println("fhir-guard gateway");
        out.println("  FHIR base (secured):  " + fhirBase());
        out.println("  forwards to:          " + upstream + " (never with the caller's token)");
        out.println("  audit log:            " + auditFile());
        authorizationServer.ifPresent(auth -> {
            out.println("  authorization server: " + auth.issuer()
                    + " (embedded, development only)");
            out.println("    token endpoint:     " + auth.tokenEndpoint());
        });
        out.println("Press Ctrl-C to stop.");
    }

    /** Stops the gateway and the embedded authorization server. */
    @Override
    public void close() {
        http.close();
        authorizationServer.ifPresent(EmbeddedAuthorizationServer::close);
    }
}
