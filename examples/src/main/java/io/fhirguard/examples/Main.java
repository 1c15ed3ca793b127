package io.fhirguard.examples;

import io.fhirguard.examples.backend.BackendClientCommand;
import io.fhirguard.examples.demo.DemoCommand;
import io.fhirguard.examples.gateway.GatewayCommand;
import io.fhirguard.examples.oauthflow.OAuthFlowCommand;
import io.fhirguard.examples.serve.ServeCommand;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the examples jar: {@code java -jar fhir-guard-examples.jar <command>}.
 *
 * <p>Commands: {@code demo}, {@code serve}, {@code gateway}, {@code backend-client} and
 * {@code oauth-flow}; {@code docs/examples.md} describes each and its {@code FHIRGUARD_*}
 * variables. No or unknown arguments print the usage and exit with status 2.
 *
 * @since 1.0
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = commands();
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {
    }

    /**
     * Runs one example command with the process environment and exits with its status.
     *
     * @param args the command name
     */
    public static void main(String[] args) {
        // The demo prints a table; library INFO lines would bury it. Set the property to see them.
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, args.length == 1 && args[0].equals("demo")
                    ? "error" : "info");
        }
        System.exit(run(args, System.getenv(), System.out));
    }

    /**
     * Runs one example command with the given variables, for tests and embedding.
     *
     * @param args the command name and nothing else
     * @param variables the {@code FHIRGUARD_*} variables to use instead of the environment
     * @param out where the command prints
     * @return the exit status: 0 for success, 1 for a failure, 2 for bad usage
     */
    public static int run(String[] args, Map<String, String> variables, PrintStream out) {
        Command command = args.length == 1 ? COMMANDS.get(args[0]) : null;
        if (command == null) {
            printUsage(out);
            return 2;
        }
        try {
            return command.run(ExampleSettings.from(variables), out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("fhir-guard-examples " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static void printUsage(PrintStream out) {
        out.println("usage: java -jar fhir-guard-examples.jar <command>");
        out.println();
        out.println("commands:");
        COMMANDS.forEach((name, command) -> out.printf("  %-15s %s%n", name, command.summary()));
        out.println();
        out.println("Settings come from FHIRGUARD_* environment variables: FHIRGUARD_PORT,");
        out.println("FHIRGUARD_ISSUER, FHIRGUARD_AUDIENCE, FHIRGUARD_JWKS_URI,");
        out.println("FHIRGUARD_DATA_DIR, FHIRGUARD_AUDIT_FILE, FHIRGUARD_UPSTREAM, ...");
        out.println("See docs/examples.md.");
    }

    private static Map<String, Command> commands() {
        Map<String, Command> map = new LinkedHashMap<>();
        map.put("demo", new DemoCommand());
        map.put("serve", new ServeCommand());
        map.put("gateway", new GatewayCommand());
        map.put("backend-client", new BackendClientCommand());
        map.put("oauth-flow", new OAuthFlowCommand());
        return map;
    }
}
