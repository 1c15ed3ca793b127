package io.fhirguard.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.authz.AuthorizationPolicy;
import io.fhirguard.authz.ResponseCheck;
import io.fhirguard.benchmarks.load.SyntheaPopulation;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.token.AccessToken;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The response check on a 100-entry searchset Bundle of Synthea-derived Observations:
 * {@code own} has only the token's patient's entries (nothing removed), {@code mixed} has ten
 * of another patient's (ten removed; the Bundle is copied before each call, outside the timing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseCheckBenchmark {
    @Param({"own", "mixed"})
    public String entries;

    private ResponseCheck check;
    private Bundle template;
    private Bundle bundle;

    @Setup
    public void setUp() {
        SyntheaPopulation population =
                SyntheaPopulation.generate(FhirContext.forR4Cached(), 2, 100);
        String own = population.patientIds().get(0);
        String other = population.patientIds().get(1);
        int foreign = entries.equals("mixed") ? 10 : 0;
        template = searchset(population.observationsOf(own).subList(0, 100 - foreign),
                population.observationsOf(other).subList(0, foreign));

        AccessToken token = AuthorizationBenchmark.patientToken(own);
        AccessDecision d = AuthorizationPolicy.create(AuthorizationConfig.builder().fhirContext(FhirContext.forR4Cached()).build())
                .decide(token, FhirRequestParser.create(RequestParserConfig.defaults()).parse(
                        RawRequest.of("GET", "Observation", "patient=Patient%2F" + own
                                + "&_include=Observation%3Apatient")));
        check = d.responseCheck().orElseThrow(() ->
                new IllegalStateException("no response check for an _include search: " + d));
        bundle = template.copy();
        int removed = check.filter(bundle);
        if (removed != foreign) {
            throw new IllegalStateException("expected " + foreign + " removed, got " + removed);
        }
        bundle = template.copy();
    }

    @Setup(Level.Invocation)
    public void freshBundle() {
        if (entries.equals("mixed")) {
            bundle = template.copy();
        }
    }

    private static Bundle searchset(List<Observation> mine, List<Observation> theirs) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.setTotal(mine.size() + theirs.size());
        for (Observation o : mine) {
            b.addEntry().setFullUrl("Observation/" + o.getIdElement().getIdPart()).setResource(o)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        for (Observation o : theirs) {
            b.addEntry().setFullUrl("Observation/" + o.getIdElement().getIdPart()).setResource(o)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return b;
    }

    @Benchmark
    public int filter() {
        return check.filter(bundle);
    }
}
