package io.fhirguard.examples.oauthflow;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.fhirguard.client.AuthorizationCodeFlow;
import io.fhirguard.client.AuthorizationCodeTokenSource;
import io.fhirguard.client.AuthorizationRequest;
import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.SecuredFhirClients;
import io.fhirguard.client.TokenResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient-facing app: {@code /login} starts the authorization-code flow with PKCE,
 * {@code /callback} checks the state against the browser's session and exchanges the code,
 * {@code /} shows the signed-in patient's observations, {@code /logout} (POST) ends the session.
 *
 * <p>Tokens never reach the browser: they stay in the server-side session, which the browser
 * knows only by an {@code HttpOnly}, {@code SameSite=Lax} cookie ({@code Secure} over TLS). The
 * session id changes at login. Every value shown is HTML-escaped, and every page is sent with
 * {@code Cache-Control: no-store}, a restrictive {@code Content-Security-Policy} and
 * {@code Referrer-Policy: no-referrer} (so the callback's code cannot leak in a referrer).
 */
final class PatientAppServlet extends HttpServlet {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(PatientAppServlet.class);
    private static final String STATE = "oauth.state";
    private static final String TOKENS = "oauth.tokens";
    private static final String PATIENT = "oauth.patient";

    private final transient AuthorizationCodeFlow flow;
    private final transient FhirContext fhirContext;
    private final String fhirBase;

    PatientAppServlet(AuthorizationCodeFlow flow, FhirContext fhirContext, String fhirBase) {
        this.flow = flow;
        this.fhirContext = fhirContext;
        this.fhirBase = fhirBase;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        headers(response);
        switch (request.getPathInfo() == null ? "/" : request.getPathInfo()) {
            case "/" -> home(request, response);
            case "/login" -> login(request, response);
            case "/callback" -> callback(request, response);
            default -> page(response, 404, "Not found", "<p>No such page.</p>");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        headers(response);
        if ("/logout".equals(request.getPathInfo())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        page(response, 404, "Not found", "<p>No such page.</p>");
    }

    private void login(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AuthorizationRequest authorization = flow.authorizationRequest().build();
        request.getSession(true).setAttribute(STATE, authorization.state());
        response.sendRedirect(authorization.uri().toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(STATE);
        String state = request.getParameter("state");
        if (expected == null || state == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            log.debug("Login refused: callback state does not belong to this browser session");
            page(response, 400, "Sign-in failed", "<p>This sign-in was not started in this "
                    + "browser, or it was already used. <a href=\"login\">Try again</a>.</p>");
            return;
        }
        session.removeAttribute(STATE);

        AuthorizationCodeTokenSource tokens;
        try {
            tokens = flow.complete(URI.create(request.getRequestURL() + "?"
                    + request.getQueryString()));
        } catch (OAuthClientException e) {
            log.debug("Login refused by the client library: {}", e.getMessage());
            page(response, 400, "Sign-in failed", "<p>The authorization server's answer was "
                    + "refused: " + Html.escape(e.getMessage()) + "</p>");
            return;
        }
        Optional<String> patient = patientOf(tokens.token());
        if (patient.isEmpty()) {
            page(response, 403, "No patient", "<p>The token carries no patient context.</p>");
            return;
        }

        request.changeSessionId();
        session.setAttribute(TOKENS, tokens);
        session.setAttribute(PATIENT, patient.get());
        response.sendRedirect(request.getContextPath() + "/");
    }

    private void home(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpSession session = request.getSession(false);
        AuthorizationCodeTokenSource tokens = session == null ? null
                : (AuthorizationCodeTokenSource) session.getAttribute(TOKENS);
        if (tokens == null) {
            page(response, 200, "My health record", "<p>You are not signed in.</p>"
                    + "<p><a href=\"login\">Sign in with your health record</a></p>");
            return;
        }
        String patient = (String) session.getAttribute(PATIENT);
        IGenericClient client = SecuredFhirClients.create(fhirContext, fhirBase, tokens);
        Bundle bundle;
        try {
            bundle = client.search().forResource(Observation.class)
                    .where(Observation.PATIENT.hasId(patient))
                    .count(20).returnBundle(Bundle.class).execute();
        } catch (BaseServerResponseException e) {
            page(response, 502, "My health record", "<p>The FHIR server refused the search: HTTP "
                    + e.getStatusCode() + ".</p>" + logoutForm());
            return;
        }
        page(response, 200, "My health record", observations(bundle) + logoutForm());
    }

    private static String observations(Bundle bundle) {
        List<Observation> list = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        StringBuilder html = new StringBuilder();
        html.append("<p id=\"result-count\" data-count=\"").append(list.size()).append("\">")
                .append(list.size()).append(" most recent observations</p>")
                .append("<table><tr><th>Date</th><th>Observation</th><th>Value</th></tr>");
        for (Observation obs : list) {
            html.append("<tr><td>").append(Html.escape(obs.hasEffectiveDateTimeType()
                            ? obs.getEffectiveDateTimeType().getValueAsString() : ""))
                    .append("</td><td>").append(Html.escape(obs.getCode().getText()))
                    .append("</td><td>").append(Html.escape(value(obs))).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String value(Observation obs) {
        if (obs.hasValueQuantity()) {
            return obs.getValueQuantity().getValue().stripTrailingZeros().toPlainString() + " "
                    + obs.getValueQuantity().getUnit();
        }
        return obs.hasValueCodeableConcept() ? obs.getValueCodeableConcept().getText() : "";
    }

    private static String logoutForm() {
        return "<form method=\"post\" action=\"logout\"><button>Sign out</button></form>";
    }

    /**
     * Finds the patient in context: the {@code patient} token-response parameter (SMART App
     * Launch), else the {@code patient} claim of the access token, which the app received
     * directly from the token endpoint and reads without re-verifying.
     */
    private static Optional<String> patientOf(TokenResponse token) {
        Optional<String> fromResponse = token.parameter("patient").map(Object::toString);
        if (fromResponse.isPresent()) {
            return fromResponse;
        }
        try {
            JwtClaims claims = new JwtConsumerBuilder().setSkipAllValidators()
                    .setDisableRequireSignature().setSkipSignatureVerification().build()
                    .processToClaims(token.accessToken());
            return Optional.ofNullable(claims.getStringClaimValue("patient"));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'");
    }

    private static void page(HttpServletResponse response, int status, String title, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                + Html.escape(title) + "</title><style>body{font-family:sans-serif;margin:2em}"
                + "td,th{padding:2px 8px;text-align:left}</style></head><body><h1>"
                + Html.escape(title) + "</h1>" + body + "</body></html>");
    }
}
