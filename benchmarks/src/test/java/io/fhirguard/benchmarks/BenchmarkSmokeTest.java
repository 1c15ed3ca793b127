package io.fhirguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one benchmark method for one short iteration inside the test JVM, so a broken harness
 * (missing generated code, a setup that throws) fails the normal build. It measures nothing.
 */
class BenchmarkSmokeTest {
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                    + " dangerous.");

    @Test
    void parserBenchmarkRunsOneIterationThroughTheJmhHarness() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RequestParserBenchmark.class.getName() + ".parse")
                .param("shape", "observation-search")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(1);
        assertThat(results.iterator().next().getPrimaryResult().getScore()).isPositive();
    }

    @Test
    void sanitizerBenchmarkCountsEveryParameterOfItsSearches() {
        assertThat(SanitizerBenchmark.PARAMETERS).isEqualTo(SyntheaQueries.SEARCH_PARAMETER_COUNT);
    }

    @Test
    void sanitizerAcceptsEveryBenchmarkSearchSoNoRefusalIsTimed() {
        SanitizerBenchmark benchmark = new SanitizerBenchmark();

        benchmark.setUp();

        benchmark.validate(BLACKHOLE);
    }
}
