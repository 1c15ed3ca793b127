package io.fhirguard.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.util.Optional;

/** The FHIR server with nothing in front of it. */
final class Bare implements LoadRun.Target {
    private final LoopbackJetty jetty;

    private Bare(LoopbackJetty jetty) {
        this.jetty = jetty;
    }

    static Bare start(FhirContext context, SyntheaPopulation population) throws Exception {
        return new Bare(LoopbackJetty.start(new BenchFhirServer(context, population), null, 64));
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public URI base() {
        return jetty.base();
    }

    @Override
    public Optional<String> authorization(String patientId) {
        return Optional.empty();
    }

    @Override
    public void close() throws Exception {
        jetty.close();
    }
}
