package io.fhirguard.benchmarks;

import io.fhirguard.audit.AsyncAuditSink;
import io.fhirguard.audit.AuditAgent;
import io.fhirguard.audit.AuditDecision;
import io.fhirguard.audit.AuditEvent;
import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.audit.QueryValuePolicy;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * Audit: one permitted search's event written as a JSON line (with and without the hash chain)
 * and the same through the asynchronous sink. Lines go to {@code /dev/null}, so the figures are
 * serialisation, hashing and the write call, not the disk.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
public class AuditBenchmark {
    @Param({"false", "true"})
    public boolean hashChain;

    private AuditEvent event;
    private JsonLinesAuditSink jsonLines;
    private AsyncAuditSink async;

    @Setup
    public void setUp() {
        FhirRequest request = FhirRequestParser.create(RequestParserConfig.defaults()).parse(
                RawRequest.of("GET", SyntheaQueries.SEARCHES.get(0)[0],
                        SyntheaQueries.SEARCHES.get(0)[1]));
        event = AuditEvent.builder(Instant.now(), AuditDecision.PERMIT)
                .request(request, QueryValuePolicy.NAMES_ONLY)
                .agent(AuditAgent.of(AuthorizationBenchmark.patientToken(
                        SyntheaQueries.PATIENT_ID)))
                .patient("Patient/" + SyntheaQueries.PATIENT_ID)
                .sourceAddress("127.0.0.1")
                .userAgent("bench/1.0")
                .requestId("req-bench")
                .httpStatus(200)
                .latency(Duration.ofMillis(3))
                .build();
        jsonLines = sink();
        async = AsyncAuditSink.builder(sink()).capacity(10_000)
                .overflow(AsyncAuditSink.Overflow.WAIT).waitTimeout(Duration.ofSeconds(10))
                .closeOnShutdown(false).build();
    }

    private JsonLinesAuditSink sink() {
        return JsonLinesAuditSink.builder().logger(false).file(Path.of("/dev/null"))
                .hashChain(hashChain).build();
    }

    @TearDown
    public void tearDown() {
        jsonLines.close();
        async.close();
        if (async.dropped() + async.rejected() + async.failed() > 0) {
            throw new IllegalStateException("the async sink lost events: " + async.dropped()
                    + " dropped, " + async.rejected() + " rejected, " + async.failed() + " failed");
        }
    }

    @Benchmark
    public void jsonLinesRecord() {
        jsonLines.record(event);
    }

    @Benchmark
    public void asyncRecord() {
        async.record(event);
    }
}
