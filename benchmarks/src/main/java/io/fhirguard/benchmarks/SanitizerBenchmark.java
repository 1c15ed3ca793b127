package io.fhirguard.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.sanitize.SanitizedParameters;
import io.fhirguard.sanitize.SanitizerConfig;
import io.fhirguard.sanitize.SearchParameterValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The search-parameter sanitizer on the five Synthea-style searches of {@link SyntheaQueries}
 * (25 parameters: references, LOINC and SNOMED tokens, date ranges, a quantity, {@code _sort},
 * {@code _count}, {@code _include}, {@code _elements}). One invocation checks all five; the score
 * is parameters per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SanitizerBenchmark {
    /** Parameters checked per invocation; {@code BenchmarkSmokeTest} checks it. */
    public static final int PARAMETERS = 25;

    private SearchParameterValidator validator;
    private final List<String> types = new ArrayList<>();
    private final List<QueryParameters> parameters = new ArrayList<>();

    @Setup
    public void setUp() {
        validator = SearchParameterValidator.create(
                SanitizerConfig.builder().fhirContext(FhirContext.forR4Cached()).build());
        FhirRequestParser parser = FhirRequestParser.create(RequestParserConfig.defaults());
        for (String[] search : SyntheaQueries.SEARCHES) {
            FhirRequest request = parser.parse(RawRequest.of("GET", search[0], search[1]));
            types.add(search[0]);
            parameters.add(request.parameters());
            validator.validate(search[0], request.parameters());
        }
    }

    @Benchmark
    @OperationsPerInvocation(PARAMETERS)
    public void validate(Blackhole bh) {
        for (int i = 0; i < types.size(); i++) {
            SanitizedParameters result = validator.validate(types.get(i), parameters.get(i));
            bh.consume(result);
        }
    }
}
