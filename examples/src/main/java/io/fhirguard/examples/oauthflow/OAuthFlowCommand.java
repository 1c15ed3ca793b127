package io.fhirguard.examples.oauthflow;

import io.fhirguard.examples.Command;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.Shutdown;
import io.fhirguard.examples.backend.BackendClientCommand;
import io.fhirguard.examples.serve.SecuredServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * {@code oauth-flow}: runs {@link PatientApp} until Ctrl-C.
 *
 * <p>With {@code FHIRGUARD_FHIR_BASE} unset it also starts the secured example server and its
 * embedded authorization server; otherwise it needs {@code FHIRGUARD_ISSUER} and
 * {@code FHIRGUARD_CLIENT_ID} (a public client registered with redirect URI
 * {@code http://127.0.0.1:<FHIRGUARD_APP_PORT>/app/callback}).
 *
 * @since 1.0
 */
public final class OAuthFlowCommand implements Command {
    /** Creates the command. */
    public OAuthFlowCommand() {
    }

    @Override
    public String summary() {
        return "patient-facing web app: authorization code + PKCE login, shows own data";
    }

    @Override
    public int run(ExampleSettings settings, PrintStream out) {
        if (settings.get(ExampleSettings.FHIR_BASE).isPresent()) {
            URI issuer = settings.uri(ExampleSettings.ISSUER).orElseThrow(() ->
                    new IllegalArgumentException(ExampleSettings.ISSUER + " is required with "
                            + ExampleSettings.FHIR_BASE));
            String clientId = settings.get(ExampleSettings.CLIENT_ID).orElseThrow(() ->
                    new IllegalArgumentException(ExampleSettings.CLIENT_ID + " is required"));
            PatientApp app = PatientApp.start(settings.appPort(),
                    settings.uri(ExampleSettings.FHIR_BASE).orElseThrow(), issuer, clientId);
            out.println("Patient app: open " + app.home() + " in a browser. Ctrl-C stops it.");
            Shutdown.awaitThenClose(app);
            return 0;
        }
        SecuredServer server = SecuredServer.start(ExampleSettings.from(Map.of(
                ExampleSettings.PORT, "0")));
        PatientApp app = PatientApp.start(settings.appPort(), server.fhirBase(),
                server.authorizationServer().orElseThrow().issuer(), "patient-app");
        out.println("Patient app: open " + app.home() + " in a browser and choose Sign in.");
        out.println("On the embedded login page type any user name and, as claims:");
        out.println("  {\"patient\":\"" + BackendClientCommand.DEFAULT_PATIENT + "\","
                + "\"scope\":\"" + String.join(" ", PatientApp.SCOPES) + "\"}");
        out.println("Secured FHIR server: " + server.fhirBase() + "; audit log: "
                + server.auditFile());
        out.println("Press Ctrl-C to stop.");
        Shutdown.awaitThenClose(server, app);
        return 0;
    }
}
