package io.fhirguard.examples.demo;

import io.fhirguard.audit.AuditLogVerifier;
import io.fhirguard.examples.Command;
import io.fhirguard.examples.ExampleSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code demo}: runs {@link Demo} and prints its scenario table, the audit count and the audit
 * file. Exits 1 when any scenario's outcome differs from the expected one.
 *
 * @since 1.0
 */
public final class DemoCommand implements Command {
    /** Creates the command. */
    public DemoCommand() {
    }

    @Override
    public String summary() {
        return "run every example in one process and print what fhir-guard allowed and refused";
    }

    @Override
    public int run(ExampleSettings settings, PrintStream out) {
        Instant started = Instant.now();
        Path auditFile = settings.auditFile().orElseGet(Demo::newAuditFile);
        out.println("fhir-guard demo: starting a secured HAPI FHIR server, an OAuth2 server and a"
                + " patient app on 127.0.0.1 ...");
        try (Demo demo = Demo.start(auditFile)) {
            out.println("FHIR base: " + demo.server().fhirBase() + "   (4 synthetic Synthea"
                    + " patients; A = Fabian Murray, B = Reyna Ziemann)");
            out.println();
            List<ScenarioResult> results = demo.runScenarios();
            ScenarioTable.print(results, out);

            AuditLogVerifier.Result audit = demo.audit();
            out.println("Audit: " + audit.records() + " events written to " + auditFile
                    + " (hash chain " + (audit.isIntact() ? "intact" : "BROKEN") + ")");
            AuditLogVerifier.Result gatewayAudit = demo.gatewayAudit();
            out.println("Gateway audit: " + gatewayAudit.records() + " events written to "
                    + demo.gateway().auditFile() + " (hash chain "
                    + (gatewayAudit.isIntact() ? "intact" : "BROKEN") + ")");
            out.println("Took " + Duration.between(started, Instant.now()).toMillis() + " ms.");
            boolean passed = results.stream().allMatch(ScenarioResult::passed)
                    && audit.isIntact() && gatewayAudit.isIntact();
            return passed ? 0 : 1;
        }
    }
}
