package io.fhirguard.examples.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedAuthorizationServerTest {
    private static final String AUDIENCE = "http://127.0.0.1:9/fhir";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private EmbeddedAuthorizationServer server;

    @BeforeEach
    void start() {
        server = EmbeddedAuthorizationServer.start(0, AUDIENCE, true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void clientCredentialsTokenIsSignedByTheJwksKeyAndCarriesScopeAudienceAndClient()
            throws Exception {
        String token = tokenResponse(Map.of("grant_type", "client_credentials",
                "client_id", "backend", "client_secret", "s", "scope", "system/Observation.read"))
                .get("access_token").asText();

        JwtClaims claims = verifier().processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo(server.issuer().toString());
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo("backend");
        assertThat(claims.getStringClaimValue("scope")).isEqualTo("system/Observation.read");
        assertThat(claims.getStringClaimValue("client_id")).isEqualTo("backend");
    }

    @Test
    void loginFormClaimsReachTheAccessTokenOfTheCodeFlowWithPkce() throws Exception {
        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = server.authorizationEndpoint() + "?" + form(Map.of(
                "client_id", "patient-app", "response_type", "code", "scope", "openid",
                "redirect_uri", "http://127.0.0.1:9/callback", "state", "st-1",
                "code_challenge", challenge, "code_challenge_method", "S256"));

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "fabian",
                        "claims", "{\"patient\":\"p-1\",\"scope\":\"patient/*.read\"}"))))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(login.headers().firstValue("Location").orElseThrow());
        String code = callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        String token = tokenResponse(Map.of("grant_type", "authorization_code",
                "client_id", "patient-app", "code", code, "code_verifier", verifier,
                "redirect_uri", "http://127.0.0.1:9/callback")).get("access_token").asText();

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(callback.getQuery()).contains("state=st-1");
        JwtClaims claims = verifier().processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("fabian");
        assertThat(claims.getStringClaimValue("patient")).isEqualTo("p-1");
        assertThat(claims.getStringClaimValue("scope")).isEqualTo("patient/*.read");
    }

    @Test
    void expireNextTokenMakesExactlyOneTokenExpired() throws Exception {
        server.expireNextToken("backend", "system/*.read", 120);

        String expired = tokenResponse(Map.of("grant_type", "client_credentials",
                "client_id", "backend", "client_secret", "s", "scope", "system/*.read"))
                .get("access_token").asText();
        String fresh = tokenResponse(Map.of("grant_type", "client_credentials",
                "client_id", "backend", "client_secret", "s", "scope", "system/*.read"))
                .get("access_token").asText();

        JwtConsumer noExpiryCheck = new JwtConsumerBuilder().setSkipAllValidators()
                .setSkipSignatureVerification().build();
        long now = System.currentTimeMillis() / 1000;
        assertThat(noExpiryCheck.processToClaims(expired).getExpirationTime().getValue())
                .isLessThan(now - 60);
        assertThat(noExpiryCheck.processToClaims(fresh).getExpirationTime().getValue())
                .isGreaterThan(now);
    }

    private JwtConsumer verifier() {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(server.jwksUri().toString())))
                .setExpectedIssuer(server.issuer().toString())
                .setExpectedAudience(AUDIENCE)
                .setRequireExpirationTime()
                .build();
    }

    private JsonNode tokenResponse(Map<String, String> params) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.tokenEndpoint())
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
