package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.audit.AsyncAuditSink;
import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.benchmarks.JwtFixture;
import io.fhirguard.benchmarks.Validators;
import io.fhirguard.servlet.FhirGuardFilter;
import io.fhirguard.servlet.FhirGuardSettings;
import io.fhirguard.token.JwtValidator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The same FHIR server behind {@link FhirGuardFilter}: RS256 tokens signed per patient with
 * SMART patient scopes, validated by a {@code JwtValidator} with static keys and its default
 * verified-token cache, the default parser, sanitizer and authorization, a per-client rate limit
 * far above the load so nothing is throttled, and audit as JSON lines to a temporary file
 * through the asynchronous sink (deleted afterwards).
 */
final class Secured implements LoadRun.Target {
    private final LoopbackJetty jetty;
    private final Map<String, String> bearerByPatient;
    private final JwtValidator validator;
    private final Path auditFile;

    private Secured(LoopbackJetty jetty, Map<String, String> bearerByPatient,
            JwtValidator validator, Path auditFile) {
        this.jetty = jetty;
        this.bearerByPatient = bearerByPatient;
        this.validator = validator;
        this.auditFile = auditFile;
    }

    static List<LoadRun.Target> start(FhirContext context, SyntheaPopulation population)
            throws Exception {
        JwtFixture fixture = JwtFixture.generate("RS256");
        Map<String, String> bearer = new HashMap<>();
        int i = 0;
        for (String patientId : population.patientIds()) {
            bearer.put(patientId, "Bearer " + fixture.sign("load-user-" + i++, patientId));
        }
        JwtValidator validator = Validators.jwt(fixture, 10_000);
        Path auditFile = Files.createTempFile("fhirguard-load-audit", ".jsonl");
        AsyncAuditSink audit = AsyncAuditSink.builder(JsonLinesAuditSink.builder().logger(false)
                .file(auditFile).build()).closeOnShutdown(false).build();
        FhirGuardFilter filter = FhirGuardFilter.builder()
                .settings(FhirGuardSettings.builder()
                        .issuer(JwtFixture.ISSUER)
                        .audience(JwtFixture.AUDIENCE)
                        .clientRateLimit(1_000_000)
                        .clientRateLimitPeriod(Duration.ofSeconds(1))
                        .build())
                .fhirContext(context)
                .tokenValidator(validator)
                .auditSink(audit)
                .build();
        LoopbackJetty jetty =
                LoopbackJetty.start(new BenchFhirServer(context, population), filter, 64);
        return List.of(new Secured(jetty, Map.copyOf(bearer), validator, auditFile));
    }

    @Override
    public String name() {
        return "secured";
    }

    @Override
    public URI base() {
        return jetty.base();
    }

    @Override
    public Optional<String> authorization(String patientId) {
        return Optional.ofNullable(bearerByPatient.get(patientId));
    }

    @Override
    public void close() throws Exception {
        jetty.close();
        validator.close();
        Files.deleteIfExists(auditFile);
    }
}
