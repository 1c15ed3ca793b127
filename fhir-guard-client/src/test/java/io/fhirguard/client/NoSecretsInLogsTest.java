package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoSecretsInLogsTest {

    @Test
    void tokensSecretsAndAssertionsNeverReachTheLogOrExceptionMessages() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String accessToken;
        String refreshToken;
        Throwable failure;
        try (ScriptedServer server = new ScriptedServer()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            server.thenJson(200, "{\"access_token\":\"AT-SECRET-1\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":120,\"refresh_token\":\"RT-SECRET-1\"}")
                    .thenJson(503, "{\"error\":\"temporarily_unavailable\"}")
                    .thenJson(400, "{\"error\":\"invalid_grant\",\"error_description\":"
                            + "\"bad RT-SECRET-1\\u0007\"}");
            SteppedClock clock = SteppedClock.startingNow();
            OAuthHttpConfig http = OAuthHttpConfig.builder().requireHttps(false).build();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            PrivateKeyJwtConfig keyConfig = PrivateKeyJwtConfig.builder().clientId("svc")
                    .signingKey(SigningKey.of(rsa.generateKeyPair().getPrivate(), "k1"))
                    .clock(clock).build();
            ClientAuthentication auth = ClientAuthentication.privateKeyJwt(keyConfig);
            AuthorizationServerMetadata metadata = AuthorizationServerMetadata
                    .builder(server.url("/as")).tokenEndpoint(server.url("/as/token"))
                    .authorizationEndpoint(server.url("/as/authorize")).build(http);
            AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder().metadata(metadata)
                    .authentication(auth).redirectUri(server.url("/cb"))
                    .fhirBaseUrl(server.url("/fhir")).scopes(List.of("offline_access"))
                    .http(http).clock(clock).build();
            AuthorizationRequest request = flow.authorizationRequest().build();
            AuthorizationCodeTokenSource source = flow.complete(java.net.URI.create(
                    server.url("/cb") + "?code=CODE-SECRET&state=" + request.state()));
            accessToken = source.token().accessToken();
            refreshToken = "RT-SECRET-1";
            clock.step(Duration.ofSeconds(90));
            source.token();
            clock.step(Duration.ofSeconds(60));
            failure = catchThrowable(source::token);
            failure = new RuntimeException(failure.toString() + source + flow + request,
                    failure);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertThat(log).contains("Token obtained").contains("Token refresh failed");
        for (String secret : List.of(accessToken, refreshToken, "CODE-SECRET", "eyJ")) {
            assertThat(log).doesNotContain(secret);
            assertThat(failure.getMessage()).doesNotContain(secret);
        }
    }
}
