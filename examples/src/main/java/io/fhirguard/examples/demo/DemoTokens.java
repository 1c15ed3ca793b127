package io.fhirguard.examples.demo;

import io.fhirguard.client.AuthorizationCodeFlow;
import io.fhirguard.client.AuthorizationRequest;
import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.OAuthHttpConfig;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.examples.auth.LoopbackHttp;
import io.fhirguard.examples.oauthflow.PatientApp;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Gets the demo's tokens from the embedded authorization server over HTTP: a patient's token by
 * the authorization-code flow with PKCE (fhir-guard-client, login driven headlessly), and
 * client-credentials tokens for the attack scenarios.
 *
 * @since 1.0
 */
public final class DemoTokens {
    private static final Pattern ACCESS_TOKEN =
            Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final DemoHttp http;
    private final EmbeddedAuthorizationServer auth;

    /**
     * Creates the token helper.
     *
     * @param http the client used for token requests
     * @param auth the embedded authorization server
     */
    public DemoTokens(DemoHttp http, EmbeddedAuthorizationServer auth) {
        this.http = http;
        this.auth = auth;
    }

    /**
     * Returns the claims a patient types into the embedded login form.
     *
     * @param patientId the patient in context
     * @return the claims JSON with {@code patient}, {@code fhirUser} and {@code scope}
     */
    public static String patientClaims(String patientId) {
        return "{\"patient\":\"" + patientId + "\",\"fhirUser\":\"Patient/" + patientId
                + "\",\"scope\":\"" + String.join(" ", PatientApp.SCOPES) + "\"}";
    }

    /**
     * Signs a patient in with the authorization-code flow and PKCE (fhir-guard-client, as the
     * public client {@code patient-app}) and returns the access token.
     *
     * @param fhirBase the FHIR base URL, the {@code aud} of the authorization request
     * @param patientId the patient
     * @return the access token
     */
    public String patientToken(URI fhirBase, String patientId) {
        OAuthHttpConfig config = LoopbackHttp.forIssuer(auth.issuer());
        AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()
                .metadata(AuthorizationServerMetadata.discover(auth.issuer(), config))
                .authentication(ClientAuthentication.none("patient-app"))
                .redirectUri(URI.create("http://127.0.0.1:9/demo-callback"))
                .fhirBaseUrl(fhirBase).scopes(PatientApp.SCOPES).http(config).build();
        AuthorizationRequest request = flow.authorizationRequest().build();
        URI callback = HeadlessLogin.signIn(DemoHttp.browser(), request.uri(), "patient-user",
                patientClaims(patientId));
        return flow.complete(callback).token().accessToken();
    }

    /**
     * Gets a client-credentials token; the embedded server accepts any client secret.
     *
     * @param clientId the client id, also the token's subject
     * @param scope the scopes, space-separated
     * @return the access token
     * @throws IllegalStateException when the token endpoint does not answer with a token
     */
    public String clientToken(String clientId, String scope) {
        Exchange e = http.postForm(auth.tokenEndpoint(), Map.of("grant_type",
                "client_credentials", "client_id", clientId, "client_secret", "demo-secret",
                "scope", scope));
        Matcher m = ACCESS_TOKEN.matcher(e.body());
        if (e.status() != 200 || !m.find()) {
            throw new IllegalStateException("token endpoint answered HTTP " + e.status());
        }
        return m.group(1);
    }

    /**
     * Reads a token's {@code jti} without checking it.
     *
     * @param token a JWT
     * @return its {@code jti}
     * @throws IllegalStateException when it has none
     */
    public static String jti(String token) {
        try {
            String jti = new JwtConsumerBuilder().setSkipAllValidators()
                    .setDisableRequireSignature().setSkipSignatureVerification().build()
                    .processToClaims(token).getJwtId();
            if (jti == null) {
                throw new IllegalStateException("token has no jti");
            }
            return jti;
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new IllegalStateException("token cannot be read", e);
        }
    }
}
