package io.fhirguard.servlet.adversarial;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.fhirguard.audit.AuditEvent;
import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.servlet.FhirGuardFilter;
import io.fhirguard.servlet.FhirGuardSettings;
import io.fhirguard.servlet.support.Http;
import io.fhirguard.servlet.support.ReceivedRequests;
import io.fhirguard.servlet.support.RecordingAuditSink;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import io.fhirguard.token.InMemoryRevocationRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;

/**
 * The attacked system, all on 127.0.0.1: a loopback authorization server publishing the JWKS of
 * a signing key made at test time, a real HAPI {@link RestfulServer} on Jetty 12 serving the
 * Synthea patients through {@link ClinicalStore}, and a {@link FhirGuardFilter} configured from
 * {@link FhirGuardSettings} (issuer, audience and JWKS URI of the loopback server, admin
 * revocation endpoint on) in front of it, auditing to a JSON-lines file and the log. Every
 * credential it issues is registered with {@link Secrets} for the leak checks.
 */
final class Target implements AutoCloseable {
    static final String AUDIENCE = "https://fhir.attack.test";
    static final String ADMIN_SCOPE = "system/fhirguard.admin";
    static final FhirContext FHIR = FhirContext.forR4Cached();

    private final LoopbackAuthServer keys;
    private final TestKey key;
    private final TokenFactory tokens;
    private final ClinicalStore store;
    private final ReceivedRequests received = new ReceivedRequests();
    private final RecordingAuditSink audit;
    private final Path auditFile;
    private final InMemoryRevocationRegistry registry;
    private final Server jetty;
    private final boolean paging;

    private Target(Clock clock, boolean paging, UnaryOperator<FhirGuardSettings.Builder> settings,
            Consumer<FhirGuardFilter.Builder> filter, LoopbackAuthServer keys, TestKey key)
            throws Exception {
        this.keys = keys;
        this.key = key;
        this.paging = paging;
        Secrets.registerKey(key);
        keys.keys(key);
        this.tokens = TokenFactory.of(keys.issuer(), AUDIENCE, key, clock);
        this.store = ClinicalStore.synthea(FHIR);
        this.auditFile = Files.createTempFile("fhirguard-attack-audit", ".jsonl");
        Files.delete(auditFile);
        this.audit = new RecordingAuditSink(JsonLinesAuditSink.builder().logger(true)
                .file(auditFile).build());
        this.registry = InMemoryRevocationRegistry.create(clock);

        FhirGuardSettings built = settings.apply(FhirGuardSettings.builder()
                .issuer(keys.issuer())
                .audience(AUDIENCE)
                .jwksUri(keys.jwksUri())
                .revocationEndpointEnabled(true)
                .revocationAdminScope(ADMIN_SCOPE)).build();
        FhirGuardFilter.Builder builder = FhirGuardFilter.builder().settings(built).clock(clock)
                .auditSink(audit).revocationRegistry(registry);
        filter.accept(builder);
        this.jetty = jetty(builder.build());
    }

    /**
     * Starts the system with default settings and the system clock.
     *
     * @return the running system
     * @throws Exception when something cannot start
     */
    static Target start() throws Exception {
        return start(Clock.systemUTC(), s -> s, f -> { });
    }

    static Target start(Clock clock, UnaryOperator<FhirGuardSettings.Builder> settings,
            Consumer<FhirGuardFilter.Builder> filter) throws Exception {
        return start(clock, LoopbackAuthServer.start(), settings, filter);
    }

    /**
     * Starts the system around a key server the caller made (and may steer into failures);
     * closing the system closes it.
     */
    static Target start(Clock clock, LoopbackAuthServer keys,
            UnaryOperator<FhirGuardSettings.Builder> settings,
            Consumer<FhirGuardFilter.Builder> filter) throws Exception {
        return new Target(clock, false, settings, filter, keys, TestKey.rsa("attack-key-1"));
    }

    /**
     * Starts the system with HAPI's in-memory paging (5 entries a page): later pages are
     * fetched from the base with {@code _getpages}, as HAPI's next links say.
     */
    static Target startWithPaging() throws Exception {
        return new Target(Clock.systemUTC(), true, s -> s, f -> { }, LoopbackAuthServer.start(),
                TestKey.rsa("attack-key-1"));
    }

    private Server jetty(FhirGuardFilter guard) throws Exception {
        RestfulServer fhir = new RestfulServer(FHIR);
        fhir.setResourceProviders(new PatientStoreProvider(store, FHIR),
                new StoreProvider(store, FHIR, Observation.class),
                new StoreProvider(store, FHIR, Encounter.class));
        fhir.setPlainProviders(new SystemProvider(store));
        fhir.registerInterceptor(received);
        if (paging) {
            FifoMemoryPagingProvider pages = new FifoMemoryPagingProvider(100);
            pages.setDefaultPageSize(5);
            fhir.setPagingProvider(pages);
        }

        Server server = new Server(new QueuedThreadPool(64, 4));
        HttpConfiguration http = new HttpConfiguration();
        // Room for the guard's own 8192-character token limit to be the one that refuses.
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(guard), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0])
                .getLocalPort() + "/fhir");
    }

    URI url(String relative) {
        return URI.create(base() + "/" + relative);
    }

    /** A token builder: patient A's context with read and search on every type. */
    TokenFactory.Builder patientA() {
        return tokens.token().claim("patient", ClinicalStore.A)
                .claim("scope", "launch/patient patient/*.rs");
    }

    /** A token builder with the factory defaults (issuer, audience, key of this system). */
    TokenFactory.Builder token() {
        return tokens.token();
    }

    /** Signs a token and registers it as a secret. */
    String issue(TokenFactory.Builder b) {
        return Secrets.token(b.sign());
    }

    String tokenForA() {
        return issue(patientA());
    }

    String adminToken() {
        return issue(token().claim("scope", ADMIN_SCOPE));
    }

    Http.Response get(String relative, String token) {
        Http request = Http.get(url(relative));
        return (token == null ? request : request.bearer(token)).send();
    }

    LoopbackAuthServer keys() {
        return keys;
    }

    TestKey key() {
        return key;
    }

    ClinicalStore store() {
        return store;
    }

    ReceivedRequests received() {
        return received;
    }

    InMemoryRevocationRegistry registry() {
        return registry;
    }

    /** Waits for the audit event of a response. */
    AuditEvent auditOf(Http.Response response) {
        return audit.await(response.header("X-Request-Id").orElseThrow());
    }

    RecordingAuditSink audit() {
        return audit;
    }

    String auditText() {
        try {
            return Files.exists(auditFile) ? Files.readString(auditFile) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        Secrets.assertAbsentFrom("audit file", auditText());
        try {
            jetty.stop();
        } finally {
            keys.close();
            Files.deleteIfExists(auditFile);
        }
    }
}
