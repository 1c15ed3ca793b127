package io.fhirguard.benchmarks;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.JwtValidator;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cold JWT validation, one token per call with no verified-token cache, for four algorithms:
 * fhir-guard's {@code JwtValidator} beside a bare jose4j consumer and a bare Nimbus processor
 * doing the same checks on the same token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtValidationBenchmark {
    @Param({"RS256", "PS256", "ES256", "HS256"})
    public String alg;

    private String token;
    private JwtValidator fhirGuard;
    private JwtConsumer jose4j;
    private DefaultJWTProcessor<SecurityContext> nimbus;

    @Setup
    public void setUp() throws Exception {
        JwtFixture fixture = JwtFixture.generate(alg);
        token = fixture.sign("bench-user", SyntheaQueries.PATIENT_ID);
        fhirGuard = Validators.jwt(fixture, 0);
        jose4j = BareVerifiers.jose4j(fixture);
        nimbus = BareVerifiers.nimbus(fixture);
        fhirGuard.validate(token);
        jose4j.processToClaims(token);
        nimbus.process(token, null);
    }

    @TearDown
    public void tearDown() {
        fhirGuard.close();
    }

    @Benchmark
    public AccessToken fhirGuardCold() {
        return fhirGuard.validate(token);
    }

    @Benchmark
    public JwtClaims bareJose4j() throws Exception {
        return jose4j.processToClaims(token);
    }

    @Benchmark
    public JWTClaimsSet bareNimbus() throws Exception {
        return nimbus.process(token, null);
    }
}
