package io.fhirguard.benchmarks;

import io.fhirguard.token.AccessToken;
import io.fhirguard.token.JwtValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Warm validation: the same RS256 token again, answered from the verified-token cache (hash
 * the token, look it up, check the entry's expiry and that its key is still trusted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WarmValidationBenchmark {
    private String token;
    private JwtValidator validator;

    @Setup
    public void setUp() {
        JwtFixture fixture = JwtFixture.generate("RS256");
        token = fixture.sign("bench-user", SyntheaQueries.PATIENT_ID);
        validator = Validators.jwt(fixture, 10_000);
        validator.validate(token);
    }

    @TearDown
    public void tearDown() {
        validator.close();
    }

    @Benchmark
    public AccessToken fhirGuardWarm() {
        return validator.validate(token);
    }
}
