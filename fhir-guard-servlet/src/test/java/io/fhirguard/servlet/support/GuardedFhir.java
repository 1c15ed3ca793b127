package io.fhirguard.servlet.support;

import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.servlet.FhirGuardFilter;
import io.fhirguard.servlet.FhirGuardSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Resource;

/**
 * The whole stack for an end-to-end test: a real authorization server, a real HAPI server on
 * Jetty, and a {@link FhirGuardFilter} in front of it writing audit events to a file.
 */
public final class GuardedFhir implements AutoCloseable {
    private final AuthorizationServer auth;
    private final FhirTestServer fhir;
    private final Path auditFile;
    private final RecordingAuditSink audit;

    private GuardedFhir(AuthorizationServer auth, FhirTestServer fhir, Path auditFile,
            RecordingAuditSink audit) {
        this.auth = auth;
        this.fhir = fhir;
        this.auditFile = auditFile;
        this.audit = audit;
    }

    /**
     * Starts everything with default settings.
     *
     * @return the running stack
     * @throws Exception when something cannot start
     */
    public static GuardedFhir start() throws Exception {
        return start(s -> s, f -> { }, List.of());
    }

    /**
     * Starts everything.
     *
     * @param settings adjusts the settings (issuer and audience are preset)
     * @param filter adjusts the filter builder (audit sink and settings are preset)
     * @param extra resources served besides the synthetic patients
     * @return the running stack
     * @throws Exception when something cannot start
     */
    public static GuardedFhir start(UnaryOperator<FhirGuardSettings.Builder> settings,
            Consumer<FhirGuardFilter.Builder> filter, List<Resource> extra) throws Exception {
        return start(settings, filter, extra, false);
    }

    /**
     * Starts everything behind a simulated TLS proxy ({@code X-Forwarded-Proto} believed).
     *
     * @param settings adjusts the settings
     * @return the running stack
     * @throws Exception when something cannot start
     */
    public static GuardedFhir startBehindProxy(UnaryOperator<FhirGuardSettings.Builder> settings)
            throws Exception {
        return start(settings, f -> { }, List.of(), true);
    }

    private static GuardedFhir start(UnaryOperator<FhirGuardSettings.Builder> settings,
            Consumer<FhirGuardFilter.Builder> filter, List<Resource> extra, boolean behindProxy)
            throws Exception {
        AuthorizationServer auth = new AuthorizationServer();
        Path audit = Files.createTempFile("fhirguard-audit", ".jsonl");
        Files.delete(audit);
        FhirGuardSettings built = settings.apply(FhirGuardSettings.builder()
                .issuer(auth.issuer())
                .audience(AuthorizationServer.AUDIENCE)).build();
        RecordingAuditSink sink = new RecordingAuditSink(
                JsonLinesAuditSink.builder().logger(true).file(audit).build());
        FhirGuardFilter.Builder builder = FhirGuardFilter.builder().settings(built)
                .auditSink(sink);
        filter.accept(builder);
        FhirTestServer fhir = behindProxy ? FhirTestServer.startBehindProxy(builder.build(), extra)
                : FhirTestServer.start(builder.build(), Map.of(), extra);
        return new GuardedFhir(auth, fhir, audit, sink);
    }

    /**
     * Returns a URL under the FHIR base.
     *
     * @param relative for example {@code Patient/123}
     * @return the absolute URL
     */
    public URI url(String relative) {
        return URI.create(fhir.base() + "/" + relative);
    }

    /**
     * Returns the authorization server.
     *
     * @return the server
     */
    public AuthorizationServer auth() {
        return auth;
    }

    /**
     * Returns the FHIR server.
     *
     * @return the server
     */
    public FhirTestServer fhir() {
        return fhir;
    }

    /**
     * Waits for the audit event of a response and returns its JSON line.
     *
     * @param response a response of this stack
     * @return the line
     */
    public String auditLineOf(Http.Response response) {
        String id = response.header("X-Request-Id").orElseThrow();
        audit.await(id);
        return auditLines().stream().filter(l -> l.contains("\"id\":\"" + id + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no audit line for " + id));
    }

    /**
     * Returns the recording sink.
     *
     * @return the sink
     */
    public RecordingAuditSink audit() {
        return audit;
    }

    /**
     * Returns the audit lines written so far.
     *
     * @return one JSON object per line
     */
    public List<String> auditLines() {
        try {
            return Files.exists(auditFile) ? Files.readAllLines(auditFile) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns a patient-facing token for a patient with SMART v2 read/search scopes on
     * Patient and Observation.
     *
     * @param patient the patient id
     * @return the signed token
     */
    public String patientToken(String patient) {
        return auth.token("user-" + patient.substring(0, 8)).patient(patient)
                .scope("launch/patient patient/Patient.rs patient/Observation.rs").issue();
    }

    @Override
    public void close() throws Exception {
        fhir.close();
        auth.close();
        Files.deleteIfExists(auditFile);
    }
}
