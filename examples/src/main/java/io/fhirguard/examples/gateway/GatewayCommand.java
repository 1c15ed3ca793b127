package io.fhirguard.examples.gateway;

import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.ClientCredentialsTokenSource;
import io.fhirguard.client.OAuthHttpConfig;
import io.fhirguard.examples.Command;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.LoopbackHttp;
import io.fhirguard.examples.Shutdown;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code gateway}: runs {@link GatewayServer} until Ctrl-C.
 *
 * <p>When {@code FHIRGUARD_UPSTREAM_ISSUER}, {@code FHIRGUARD_UPSTREAM_CLIENT_ID} and
 * {@code FHIRGUARD_UPSTREAM_CLIENT_SECRET} are set, the gateway gets its own client-credentials
 * token from that issuer (scopes from {@code FHIRGUARD_UPSTREAM_SCOPE}, default
 * {@code system/*.read}) with fhir-guard-client and sends it upstream; otherwise it sends no
 * credential.
 *
 * @since 1.0
 */
public final class GatewayCommand implements Command {
    /** Variable for the issuer of the gateway's own upstream credential. */
    public static final String UPSTREAM_ISSUER = "FHIRGUARD_UPSTREAM_ISSUER";
    /** Variable for the gateway's client id at that issuer. */
    public static final String UPSTREAM_CLIENT_ID = "FHIRGUARD_UPSTREAM_CLIENT_ID";
    /** Variable for the gateway's client secret at that issuer. */
    public static final String UPSTREAM_CLIENT_SECRET = "FHIRGUARD_UPSTREAM_CLIENT_SECRET";
    /** Variable for the scopes the gateway asks for upstream. */
    public static final String UPSTREAM_SCOPE = "FHIRGUARD_UPSTREAM_SCOPE";

    /** Creates the command. */
    public GatewayCommand() {
    }

    @Override
    public String summary() {
        return "fhir-guard in front of another FHIR server ($FHIRGUARD_UPSTREAM)";
    }

    @Override
    public int run(ExampleSettings settings, PrintStream out) {
        GatewayServer gateway = GatewayServer.start(settings, upstreamCredential(settings));
        gateway.printBanner(out);
        Shutdown.awaitThenClose(gateway);
        return 0;
    }

    /**
     * Builds the upstream credential from the {@code FHIRGUARD_UPSTREAM_*} variables.
     *
     * @param settings the settings
     * @return a client-credentials source, or {@link UpstreamCredential#NONE} when none is set
     * @throws IllegalArgumentException when only some of the variables are set
     */
    public static UpstreamCredential upstreamCredential(ExampleSettings settings) {
        List<Optional<String>> parts = Stream.of(UPSTREAM_ISSUER, UPSTREAM_CLIENT_ID,
                UPSTREAM_CLIENT_SECRET).map(settings::get).toList();
        if (parts.stream().allMatch(Optional::isEmpty)) {
            return UpstreamCredential.NONE;
        }
        if (parts.stream().anyMatch(Optional::isEmpty)) {
            throw new IllegalArgumentException(UPSTREAM_ISSUER + ", " + UPSTREAM_CLIENT_ID
                    + " and " + UPSTREAM_CLIENT_SECRET + " must be set together");
        }
        URI issuer = URI.create(parts.get(0).get());
        OAuthHttpConfig http = LoopbackHttp.forIssuer(issuer);
        ClientCredentialsTokenSource tokens = ClientCredentialsTokenSource.builder()
                .metadata(AuthorizationServerMetadata.discover(issuer, http))
                .authentication(ClientAuthentication.clientSecretBasic(parts.get(1).get(),
                        parts.get(2).get()))
                .scopes(List.of(settings.get(UPSTREAM_SCOPE).orElse("system/*.read").split(" ")))
                .http(http)
                .build();
        return () -> Optional.of("Bearer " + tokens.token().accessToken());
    }
}
