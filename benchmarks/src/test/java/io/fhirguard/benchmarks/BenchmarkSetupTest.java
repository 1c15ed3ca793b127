package io.fhirguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.token.AccessToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark's setup and one call of its methods, outside JMH: proves the timed path is the
 * successful one (an accepted token, a permitted decision, an audited event), not a refusal
 * that would be cheaper and meaningless.
 */
class BenchmarkSetupTest {
    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "HS256"})
    void fhirGuardAndBothBaselinesAcceptTheSameToken(String alg) throws Exception {
        JwtValidationBenchmark benchmark = new JwtValidationBenchmark();
        benchmark.alg = alg;
        benchmark.setUp();

        try {
            AccessToken token = benchmark.fhirGuardCold();

            assertThat(token.patient()).contains(SyntheaQueries.PATIENT_ID);
            assertThat(benchmark.bareJose4j().getSubject()).isEqualTo("bench-user");
            assertThat(benchmark.bareNimbus().getSubject()).isEqualTo("bench-user");
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "narrowed", "read"})
    void authorizationBenchmarkTimesAPermittedDecision(String shape) {
        AuthorizationBenchmark benchmark = new AuthorizationBenchmark();
        benchmark.shape = shape;
        benchmark.setUp();

        assertThat(benchmark.decide().isPermitted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "mixed"})
    void responseCheckRemovesOnlyTheOtherPatientsEntries(String entries) {
        ResponseCheckBenchmark benchmark = new ResponseCheckBenchmark();
        benchmark.entries = entries;
        benchmark.setUp();
        benchmark.freshBundle();

        int removed = benchmark.filter();

        assertThat(removed).isEqualTo(entries.equals("mixed") ? 10 : 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void auditBenchmarkDeliversEveryEventItRecords(boolean hashChain) {
        AuditBenchmark benchmark = new AuditBenchmark();
        benchmark.hashChain = hashChain;
        benchmark.setUp();

        benchmark.jsonLinesRecord();
        benchmark.asyncRecord();

        benchmark.tearDown();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void warmValidationAnswersTheSameTokenAgain(int calls) {
        WarmValidationBenchmark benchmark = new WarmValidationBenchmark();
        benchmark.setUp();

        try {
            for (int i = 0; i < calls; i++) {
                assertThat(benchmark.fhirGuardWarm().subject()).contains("bench-user");
            }
        } finally {
            benchmark.tearDown();
        }
    }
}
