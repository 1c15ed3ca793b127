package io.fhirguard.examples.oauthflow;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.client.AuthorizationCodeFlow;
import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.OAuthHttpConfig;
import io.fhirguard.examples.auth.LoopbackHttp;
import io.fhirguard.examples.server.LocalServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;

/**
 * The {@code oauth-flow} example: a small patient-facing web app on 127.0.0.1 that signs the
 * patient in with the SMART authorization-code flow with PKCE (fhir-guard-client's
 * {@link AuthorizationCodeFlow}, a public client) and shows the patient's own observations from
 * the secured FHIR server.
 *
 * <p>Sessions live in memory and expire after 15 minutes without use. The session cookie is
 * {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} whenever the request came over TLS
 * (this example itself listens on plain HTTP on loopback only).
 *
 * @since 1.0
 */
public final class PatientApp implements AutoCloseable {
    /** The scopes the app asks for. */
    public static final List<String> SCOPES = List.of("openid", "fhirUser", "launch/patient",
            "patient/Observation.read", "patient/Patient.read");

    private final LocalServer http;

    private PatientApp(LocalServer http) {
        this.http = http;
    }

    /**
     * Starts the app.
     *
     * @param port the port, or 0 for a free one
     * @param fhirBase the secured FHIR base URL, also the {@code aud} of the authorization request
     * @param issuer the authorization server's issuer (its metadata is discovered)
     * @param clientId the app's client id (a public client: PKCE, no secret)
     * @return the running app
     * @throws io.fhirguard.client.OAuthClientException if the issuer's metadata cannot be read
     */
    public static PatientApp start(int port, URI fhirBase, URI issuer, String clientId) {
        Objects.requireNonNull(fhirBase, "fhirBase");
        OAuthHttpConfig httpConfig = LoopbackHttp.forIssuer(issuer);
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.discover(issuer,
                httpConfig);
        LocalServer http = LocalServer.start(port, (context, boundPort) -> {
            URI redirect = URI.create("http://" + LocalServer.LOOPBACK + ":" + boundPort
                    + "/app/callback");
            AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder().metadata(metadata)
                    .authentication(ClientAuthentication.none(clientId))
                    .redirectUri(redirect).fhirBaseUrl(fhirBase).scopes(SCOPES)
                    .http(httpConfig).build();
            context.setSessionHandler(sessions());
            context.addServlet(new ServletHolder(new PatientAppServlet(flow,
                    FhirContext.forR4Cached(), fhirBase.toString())), "/app/*");
        });
        return new PatientApp(http);
    }

    /**
     * Returns the app's start page.
     *
     * @return {@code http://127.0.0.1:<port>/app/}
     */
    public URI home() {
        return http.uri("/app/");
    }

    /** Stops the app. */
    @Override
    public void close() {
        http.close();
    }

    private static SessionHandler sessions() {
        SessionHandler sessions = new SessionHandler();
        sessions.setSessionCookie("fhirguard_app_session");
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.setSecureRequestOnly(true);
        sessions.setMaxInactiveInterval((int) Duration.ofMinutes(15).toSeconds());
        return sessions;
    }
}
