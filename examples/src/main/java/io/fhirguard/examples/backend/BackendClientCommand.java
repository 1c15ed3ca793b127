package io.fhirguard.examples.backend;

import io.fhirguard.client.SigningKey;
import io.fhirguard.examples.Command;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.serve.SecuredServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * {@code backend-client}: runs the example searches with {@link BackendClient} and prints them.
 *
 * <p>With {@code FHIRGUARD_FHIR_BASE} unset it starts the secured example server and its
 * embedded authorization server in this process, with a key pair made on the spot (the embedded
 * server does not check client assertions). Otherwise it needs {@code FHIRGUARD_ISSUER},
 * {@code FHIRGUARD_CLIENT_ID}, {@code FHIRGUARD_CLIENT_KEY_FILE} (a private JWK, or a PKCS#8
 * PEM whose {@code kid} is given in {@code FHIRGUARD_CLIENT_KEY_ID}) and
 * {@code FHIRGUARD_PATIENT}.
 *
 * @since 1.0
 */
public final class BackendClientCommand implements Command {
    /** Variable for the {@code kid} of a PEM key file. */
    public static final String CLIENT_KEY_ID = "FHIRGUARD_CLIENT_KEY_ID";
    /** The patient searched when the embedded server is used (Fabian Murray, synthetic). */
    public static final String DEFAULT_PATIENT = "b4a36fff-6981-496a-a0d3-b274dd4b363a";
    /** The scopes asked for. */
    public static final List<String> SCOPES = List.of("system/Observation.read",
            "system/Patient.read");

    /** Creates the command. */
    public BackendClientCommand() {
    }

    @Override
    public String summary() {
        return "SMART Backend Services client (private_key_jwt) printing search results";
    }

    @Override
    public int run(ExampleSettings settings, PrintStream out) {
        if (settings.get(ExampleSettings.FHIR_BASE).isPresent()) {
            return runSearches(external(settings), settings.get(ExampleSettings.PATIENT)
                    .orElseThrow(() -> new IllegalArgumentException(ExampleSettings.PATIENT
                            + " is required with " + ExampleSettings.FHIR_BASE)), out);
        }
        ExampleSettings embedded = ExampleSettings.from(Map.of(ExampleSettings.PORT, "0"));
        try (SecuredServer server = SecuredServer.start(embedded)) {
            out.println("Started the secured example server at " + server.fhirBase());
            BackendClient client = BackendClient.create(server.fhirBase(),
                    server.authorizationServer().orElseThrow().issuer(), "backend-example",
                    generatedKey(), SCOPES);
            return runSearches(client, DEFAULT_PATIENT, out);
        }
    }

    /**
     * Runs the two example searches and prints them.
     *
     * @param client the client
     * @param patient the patient id searched
     * @param out where to print
     * @return 0 when both searches succeeded, 1 otherwise
     */
    public static int runSearches(BackendClient client, String patient, PrintStream out) {
        int failures = 0;
        for (String query : List.of(
                "Observation?patient=" + patient + "&category=laboratory&date=ge2015-01-01"
                        + "&_count=10",
                "Observation?patient=" + patient + "&code=http://loinc.org|29463-7&_count=10")) {
            BackendClient.SearchOutcome outcome = client.search(query);
            client.print(query, outcome, out);
            out.println();
            failures += outcome.status() == 200 ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * Makes an RSA key pair for the embedded setup.
     *
     * @return a new 2048-bit RSA signing key with {@code kid} {@code backend-example-key}
     */
    public static SigningKey generatedKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return SigningKey.of(generator.generateKeyPair().getPrivate(), "backend-example-key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static BackendClient external(ExampleSettings settings) {
        URI base = settings.uri(ExampleSettings.FHIR_BASE).orElseThrow();
        URI issuer = settings.uri(ExampleSettings.ISSUER).orElseThrow(() ->
                new IllegalArgumentException(ExampleSettings.ISSUER + " is required with "
                        + ExampleSettings.FHIR_BASE));
        String clientId = settings.get(ExampleSettings.CLIENT_ID).orElseThrow(() ->
                new IllegalArgumentException(ExampleSettings.CLIENT_ID + " is required"));
        Path keyFile = settings.get(ExampleSettings.CLIENT_KEY_FILE).map(Path::of).orElseThrow(
                () -> new IllegalArgumentException(ExampleSettings.CLIENT_KEY_FILE
                        + " is required"));
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ExampleSettings.CLIENT_KEY_FILE, e);
        }
        SigningKey key = text.stripLeading().startsWith("{") ? SigningKey.fromJwk(text)
                : SigningKey.fromPem(text, settings.get(CLIENT_KEY_ID).orElseThrow(() ->
                        new IllegalArgumentException(CLIENT_KEY_ID
                                + " is required for a PEM key")));
        return BackendClient.create(base, issuer, clientId, key, SCOPES);
    }
}
