package io.fhirguard.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One-line creation of a HAPI {@link IGenericClient} that authenticates every request with
 * tokens from a {@link TokenSource}.
 *
 * <pre>{@code
 * IGenericClient fhir = SecuredFhirClients.create(FhirContext.forR4Cached(),
 *         "https://fhir.example.org/r4", tokenSource);
 * Bundle patients = fhir.search().forResource(Patient.class).returnBundle(Bundle.class).execute();
 * }</pre>
 *
 * @since 1.0
 */
public final class SecuredFhirClients {
    private SecuredFhirClients() {
    }

    /**
     * Creates a generic client for {@code baseUrl} with a {@link BearerTokenInterceptor}
     * registered. Plain {@code http} is accepted only for loopback hosts ({@code localhost},
     * {@code 127.0.0.0/8}, {@code ::1}), because a bearer token sent over plain HTTP can be read
     * and replayed by anyone on the path.
     *
     * @param fhirContext the HAPI context (its client factory settings, such as timeouts,
     *     apply)
     * @param baseUrl the FHIR server base URL
     * @param tokenSource where tokens come from
     * @return the secured client
     * @throws IllegalArgumentException when {@code baseUrl} is not https and not loopback
     */
    public static IGenericClient create(FhirContext fhirContext, String baseUrl,
            TokenSource tokenSource) {
        Objects.requireNonNull(fhirContext, "fhirContext");
        Objects.requireNonNull(tokenSource, "tokenSource");
        checkBaseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
        IGenericClient client = fhirContext.newRestfulGenericClient(baseUrl);
        client.registerInterceptor(new BearerTokenInterceptor(tokenSource, baseUrl));
        return client;
    }

    private static void checkBaseUrl(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException("baseUrl must be https (plain http only for "
                + "loopback hosts); got " + uri.getScheme() + "://" + uri.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked, so no DNS lookup happens here.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
