package io.fhirguard.examples.serve;

import io.fhirguard.examples.Command;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.Shutdown;
import java.io.PrintStream;

/**
 * {@code serve}: runs {@link SecuredServer} until Ctrl-C.
 *
 * @since 1.0
 */
public final class ServeCommand implements Command {
    /** Creates the command. */
    public ServeCommand() {
    }

    @Override
    public String summary() {
        return "secured FHIR server (HAPI + FhirGuardFilter) on "
                + "http://127.0.0.1:$FHIRGUARD_PORT/fhir";
    }

    @Override
    public int run(ExampleSettings settings, PrintStream out) {
        SecuredServer server = SecuredServer.start(settings);
        server.printBanner(out);
        Shutdown.awaitThenClose(server);
        return 0;
    }
}
