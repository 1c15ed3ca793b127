package io.fhirguard.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.authz.AuthorizationPolicy;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The authorization decision for a patient-facing token with SMART v2 scopes:
 * {@code search} already names the token's patient (permitted as sent), {@code narrowed} lacks
 * the patient parameter (permitted after fhir-guard adds it), {@code read} is a Patient read.
 * Score: decisions per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizationBenchmark {
    @Param({"search", "narrowed", "read"})
    public String shape;

    private AuthorizationPolicy policy;
    private AccessToken token;
    private FhirRequest request;

    @Setup
    public void setUp() {
        policy = AuthorizationPolicy.create(AuthorizationConfig.builder().fhirContext(FhirContext.forR4Cached()).build());
        token = patientToken(SyntheaQueries.PATIENT_ID);
        FhirRequestParser parser = FhirRequestParser.create(RequestParserConfig.defaults());
        String id = SyntheaQueries.PATIENT_ID;
        RawRequest raw = switch (shape) {
            case "search" -> RawRequest.of("GET", "Observation", "patient=Patient%2F" + id
                    + "&category=laboratory&code=http%3A%2F%2Floinc.org%7C4548-4");
            case "narrowed" -> RawRequest.of("GET", "Observation",
                    "category=laboratory&code=http%3A%2F%2Floinc.org%7C4548-4");
            case "read" -> RawRequest.of("GET", "Patient/" + id, null);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        request = parser.parse(raw);
        AccessDecision d = policy.decide(token, request);
        if (!d.isPermitted() || d.isNarrowed() != shape.equals("narrowed")) {
            throw new IllegalStateException("unexpected decision for " + shape + ": " + d);
        }
    }

    static AccessToken patientToken(String patientId) {
        return AccessToken.builder(CredentialKind.JWT, "ab".repeat(32))
                .issuer(JwtFixture.ISSUER)
                .subject("bench-user")
                .clientId("bench-smart-app")
                .jti("jti-bench")
                .scopes(Arrays.asList(JwtFixture.SCOPE.split(" ")))
                .patient(patientId)
                .expiresAt(Instant.now().plusSeconds(86_400))
                .build();
    }

    @Benchmark
    public AccessDecision decide() {
        return policy.decide(token, request);
    }
}
