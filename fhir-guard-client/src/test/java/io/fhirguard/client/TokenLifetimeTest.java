package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {
    @AutoClose
    private final ScriptedServer server = new ScriptedServer();
    private final SteppedClock clock = SteppedClock.startingNow();

    private ClientCredentialsTokenSource source() {
        OAuthHttpConfig http = OAuthHttpConfig.builder().requireHttps(false).build();
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata
                .builder(server.url("/as")).tokenEndpoint(server.url("/as/token")).build(http);
        return ClientCredentialsTokenSource.builder().metadata(metadata)
                .authentication(ClientAuthentication.clientSecretBasic("svc", "secret"))
                .http(http).clock(clock).build();
    }

    @Test
    void tokenWithoutExpiresInIsFetchedAgainAfterThirtySeconds() {
        server.thenJson(200, "{\"access_token\":\"a-1\",\"token_type\":\"bearer\"}")
                .thenJson(200, "{\"access_token\":\"a-2\",\"token_type\":\"Bearer\"}");
        ClientCredentialsTokenSource source = source();

        String first = source.token().accessToken();
        clock.step(Duration.ofSeconds(29));
        String stillFirst = source.token().accessToken();
        clock.step(Duration.ofSeconds(2));
        String second = source.token().accessToken();

        assertThat(first).isEqualTo("a-1").isEqualTo(stillFirst);
        assertThat(second).isEqualTo("a-2");
    }

    @Test
    void failedEarlyRefreshKeepsTheUnexpiredTokenButAnExpiredOneFails() {
        server.thenJson(200, "{\"access_token\":\"a-1\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}")
                .thenJson(503, "{}")
                .thenJson(503, "{}");
        ClientCredentialsTokenSource source = source();
        source.token();

        clock.step(Duration.ofSeconds(3550));
        String during = source.token().accessToken();
        clock.step(Duration.ofSeconds(60));

        assertThat(during).isEqualTo("a-1");
        assertThatThrownBy(source::token)
                .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.httpStatus())
                        .hasValue(503))
                .hasMessage("token request (client_credentials) failed (HTTP 503)");
    }

    @Test
    void nonBearerTokenTypeIsRefusedAsUnsupported() {
        server.thenJson(200, "{\"access_token\":\"a-1\",\"token_type\":\"DPoP\"}");

        assertThatThrownBy(source()::token)
                .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.category())
                        .isEqualTo(OAuthClientException.Category.INVALID_RESPONSE))
                .hasMessage("token_type DPoP is not supported; only Bearer tokens are");
    }

    @Test
    void invalidClientErrorIsTypedWithItsCode() {
        server.thenJson(401, "{\"error\":\"invalid_client\"}");

        assertThatThrownBy(source()::token)
                .isInstanceOfSatisfying(OAuthClientException.class, e -> {
                    assertThat(e.error()).contains("invalid_client");
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.category())
                            .isEqualTo(OAuthClientException.Category.ERROR_RESPONSE);
                });
    }

    @Test
    void expiresInBeyondTheClockRangeIsRefusedAsAnInvalidResponse() {
        server.thenJson(200, "{\"access_token\":\"a-1\",\"token_type\":\"Bearer\","
                + "\"expires_in\":1e30}");

        assertThatThrownBy(source()::token)
                .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.category())
                        .isEqualTo(OAuthClientException.Category.INVALID_RESPONSE))
                .hasMessage("expires_in is larger than 2147483647 seconds");
    }
}
