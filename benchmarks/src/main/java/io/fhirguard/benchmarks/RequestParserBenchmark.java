package io.fhirguard.benchmarks;

import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
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
 * Time to turn one raw request into a {@code FhirRequest}: a read, a patient-compartment
 * Observation search with five parameters, and a compartment search by path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestParserBenchmark {
    @Param({"read", "observation-search", "compartment-search"})
    public String shape;

    private FhirRequestParser parser;
    private RawRequest raw;

    @Setup
    public void setUp() {
        parser = FhirRequestParser.create(RequestParserConfig.defaults());
        String[] search = SyntheaQueries.SEARCHES.get(0);
        raw = switch (shape) {
            case "read" -> RawRequest.of("GET", "Patient/" + SyntheaQueries.PATIENT_ID, null);
            case "observation-search" -> RawRequest.of("GET", search[0], search[1]);
            case "compartment-search" -> RawRequest.of("GET",
                    "Patient/" + SyntheaQueries.PATIENT_ID + "/Observation",
                    "category=vital-signs&date=ge2020-01-01&_count=100");
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    @Benchmark
    public FhirRequest parse() {
        return parser.parse(raw);
    }
}
