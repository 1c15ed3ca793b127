package io.fhirguard.examples.serve;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.examples.fhir.ExampleFhirServer;
import io.fhirguard.examples.fhir.ResourceStore;
import io.fhirguard.examples.fhir.SyntheaLoader;
import io.fhirguard.examples.server.LocalServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The {@code serve} example: Jetty on 127.0.0.1 running the in-memory HAPI FHIR server at
 * {@code /fhir} behind {@code FhirGuardFilter}, plus the embedded authorization server when no
 * issuer is configured.
 *
 * <p>Reusable by tests and benchmarks: {@link #start(ExampleSettings)} returns once everything
 * listens, and {@link #close()} stops it all.
 *
 * @since 1.0
 */
public final class SecuredServer implements AutoCloseable {
    private final LocalServer http;
    private final Optional<EmbeddedAuthorizationServer> authorizationServer;
    private final GuardSetup guard;
    private final ResourceStore store;

    private SecuredServer(LocalServer http, Optional<EmbeddedAuthorizationServer> auth,
            GuardSetup guard, ResourceStore store) {
        this.http = http;
        this.authorizationServer = auth;
        this.guard = guard;
        this.store = store;
    }

    /**
     * Loads the data, starts the authorization server if needed and the secured FHIR server.
     *
     * @param settings the examples' settings ({@code FHIRGUARD_PORT}, {@code FHIRGUARD_ISSUER},
     *     {@code FHIRGUARD_DATA_DIR}, {@code FHIRGUARD_AUDIT_FILE} and the filter's settings)
     * @return the running server
     * @throws IllegalArgumentException for invalid settings, listing every problem
     * @throws IllegalStateException if a server cannot start
     */
    public static SecuredServer start(ExampleSettings settings) {
        FhirContext fhir = FhirContext.forR4Cached();
        SyntheaLoader loader = SyntheaLoader.create(fhir, Clock.systemUTC());
        ResourceStore store = settings.dataDir().map(loader::loadDirectory)
                .orElseGet(loader::loadBundled);

        AtomicReference<EmbeddedAuthorizationServer> auth = new AtomicReference<>();
        AtomicReference<GuardSetup> guard = new AtomicReference<>();
        try {
            LocalServer http = LocalServer.start(settings.port(), (context, port) -> {
                URI fhirBase = URI.create("http://" + LocalServer.LOOPBACK + ":" + port + "/fhir");
                if (settings.get(ExampleSettings.ISSUER).isEmpty()) {
                    auth.set(EmbeddedAuthorizationServer.start(0, fhirBase.toString(), true));
                }
                guard.set(GuardSetup.resolve(settings, fhirBase, Optional.ofNullable(auth.get())));
                guard.get().install(context, "/fhir/*");
                context.addServlet(new ServletHolder(new ExampleFhirServer(fhir, store)),
                        "/fhir/*");
            });
            return new SecuredServer(http, Optional.ofNullable(auth.get()), guard.get(), store);
        } catch (RuntimeException e) {
            if (auth.get() != null) {
                auth.get().close();
            }
            throw e;
        }
    }

    /**
     * Returns the secured FHIR base URL.
     *
     * @return {@code http://127.0.0.1:<port>/fhir}
     */
    public URI fhirBase() {
        return http.uri("/fhir");
    }

    /**
     * Returns the embedded authorization server, when no issuer was configured.
     *
     * @return the server, or empty when an external issuer is trusted
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
     * Returns the resources served.
     *
     * @return the store
     */
    public ResourceStore store() {
        return store;
    }

    /**
     * Prints where everything listens, how to get a token and a ready {@code curl} line.
     *
     * @param out where to print
     */
    public void printBanner(PrintStream out) {
        out.println("fhir-guard secured FHIR server");
        out.println("  FHIR base (secured):  " + fhirBase());
        out.println("  capability statement: " + fhirBase() + "/metadata (public)");
        out.println("  SMART configuration:  " + fhirBase() + "/.well-known/smart-configuration");
        out.println("  data:                 " + store.count("Patient") + " patients, "
                + store.count("Observation") + " observations");
        out.println("  audit log:            " + auditFile());
        authorizationServer.ifPresentOrElse(auth -> {
            out.println("  authorization server: " + auth.issuer()
                    + " (embedded, development only)");
            out.println("    token endpoint:     " + auth.tokenEndpoint());
            out.println("    JWKS:               " + auth.jwksUri());
            out.println();
            out.println("Get a token (client credentials, any client id) and search:");
            out.println("  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=demo"
                    + " -d client_secret=x -d 'scope=system/*.read' " + auth.tokenEndpoint()
                    + " | sed -n 's/.*\"access_token\" *: *\"\\([^\"]*\\)\".*/\\1/p')");
            out.println("  curl -H \"Authorization: Bearer $TOKEN\" '" + fhirBase()
                    + "/Observation?category=laboratory&_count=5'");
        }, () -> out.println("  trusted issuer:       " + guard.settings().issuer().orElse("-")));
        out.println();
        out.println("Without a token the server answers 401:  curl -i " + fhirBase() + "/Patient");
        out.println("Press Ctrl-C to stop.");
    }

    /** Stops the FHIR server and the embedded authorization server. */
    @Override
    public void close() {
        http.close();
        authorizationServer.ifPresent(EmbeddedAuthorizationServer::close);
    }
}
