package io.fhirguard.examples.backend;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.fhirguard.client.AssertionAudience;
import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.ClientCredentialsTokenSource;
import io.fhirguard.client.OAuthHttpConfig;
import io.fhirguard.client.PrivateKeyJwtConfig;
import io.fhirguard.client.SecuredFhirClients;
import io.fhirguard.client.SigningKey;
import io.fhirguard.examples.auth.LoopbackHttp;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * A SMART Backend Services client (client credentials with a {@code private_key_jwt} client
 * assertion, RFC 7523) built on fhir-guard-client and the HAPI generic client.
 *
 * <p>The token is fetched on the first search and cached until shortly before it expires;
 * thread-safe.
 *
 * @since 1.0
 */
public final class BackendClient {
    private final FhirContext fhirContext;
    private final IGenericClient client;

    private BackendClient(FhirContext fhirContext, IGenericClient client) {
        this.fhirContext = fhirContext;
        this.client = client;
    }

    /**
     * Creates a client.
     *
     * @param fhirBase the FHIR base URL (https, or http on loopback)
     * @param issuer the authorization server's issuer, whose metadata names the token endpoint
     * @param clientId the registered client id
     * @param key the client's private key; the server knows the public key by its {@code kid}
     * @param scopes the scopes to ask for, such as {@code system/Observation.read}
     * @return the client
     * @throws io.fhirguard.client.OAuthClientException if the issuer's metadata cannot be read
     */
    public static BackendClient create(URI fhirBase, URI issuer, String clientId, SigningKey key,
            List<String> scopes) {
        FhirContext fhir = FhirContext.forR4Cached();
        OAuthHttpConfig http = LoopbackHttp.forIssuer(issuer);
        ClientCredentialsTokenSource tokens = ClientCredentialsTokenSource.builder()
                .metadata(AuthorizationServerMetadata.discover(issuer, http))
                .authentication(ClientAuthentication.privateKeyJwt(PrivateKeyJwtConfig.builder()
                        .clientId(clientId).signingKey(key)
                        .audience(AssertionAudience.TOKEN_ENDPOINT).build()))
                .scopes(scopes)
                .http(http)
                .build();
        return new BackendClient(fhir,
                SecuredFhirClients.create(fhir, fhirBase.toString(), tokens));
    }

    /**
     * Runs one search given as a relative URL.
     *
     * @param query such as {@code Observation?patient=123&category=laboratory&_count=10}
     * @return the status and the Bundle, or the status of the refusal
     */
    public SearchOutcome search(String query) {
        Objects.requireNonNull(query, "query");
        try {
            Bundle bundle = client.search().byUrl(query).returnBundle(Bundle.class).execute();
            return new SearchOutcome(200, bundle);
        } catch (BaseServerResponseException e) {
            return new SearchOutcome(e.getStatusCode(), null);
        }
    }

    /**
     * Prints a search result as a table of date, code, name and value.
     *
     * @param query the query that was run, printed as the title
     * @param outcome its outcome
     * @param out where to print
     */
    public void print(String query, SearchOutcome outcome, PrintStream out) {
        out.println("GET " + query + "  ->  HTTP " + outcome.status() + ", "
                + outcome.matches() + " resources");
        if (outcome.bundle() == null) {
            return;
        }
        out.printf("  %-12s %-10s %-44s %s%n", "Date", "Code", "Name", "Value");
        for (Bundle.BundleEntryComponent entry : outcome.bundle().getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Observation obs) {
                out.printf("  %-12s %-10s %-44s %s%n", date(obs),
                        obs.getCode().getCodingFirstRep().getCode(),
                        cut(obs.getCode().getCodingFirstRep().getDisplay(), 44), value(obs));
            } else if (resource != null) {
                out.println("  " + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            }
        }
    }

    /**
     * Returns the FHIR context in use.
     *
     * @return the R4 context
     */
    public FhirContext fhirContext() {
        return fhirContext;
    }

    private static String date(Observation obs) {
        String s = obs.hasEffectiveDateTimeType()
                ? obs.getEffectiveDateTimeType().getValueAsString() : "";
        return s.length() >= 10 ? s.substring(0, 10) : s;
    }

    private static String value(Observation obs) {
        if (obs.hasValueQuantity()) {
            Quantity q = obs.getValueQuantity();
            return String.format("%.1f %s", q.getValue().doubleValue(),
                    q.hasUnit() ? q.getUnit() : "");
        }
        if (obs.hasValueCodeableConcept()) {
            return cut(obs.getValueCodeableConcept().getText(), 30);
        }
        return obs.hasComponent() ? obs.getComponent().size() + " components" : "";
    }

    private static String cut(String s, int width) {
        if (s == null) {
            return "";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /**
     * The outcome of one search.
     *
     * @param status the HTTP status
     * @param bundle the returned Bundle, or null when the search was refused
     * @since 1.0
     */
    public record SearchOutcome(int status, Bundle bundle) {
        /**
         * Counts the {@code match} entries (entries without a search mode count too).
         *
         * @return the count, 0 when refused
         */
        public int matches() {
            if (bundle == null) {
                return 0;
            }
            return (int) bundle.getEntry().stream()
                    .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
                    .count();
        }
    }
}
