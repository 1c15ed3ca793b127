package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.client.internal.Forms;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class RevocationAndRegistrationTest {

    @Test
    void revocationPostsTheTokenWithItsHintAndClientAuthentication() {
        try (MockServer mock = new MockServer()) {
            AuthorizationServerMetadata metadata = mock.metadata();
            TokenRevoker revoker = TokenRevoker.create(metadata,
                    ClientAuthentication.clientSecretBasic("svc", "secret"), mock.http());
            mock.drain();

            revoker.revoke("rt-to-revoke", TokenTypeHint.REFRESH_TOKEN);
            RecordedRequest request = mock.drain().get(0);

            assertThat(request.getRequestUrl().uri())
                    .isEqualTo(metadata.revocationEndpoint().orElseThrow());
            assertThat(request.getHeader("Authorization")).startsWith("Basic ");
            assertThat(Forms.decode(request.getBody().readUtf8()))
                    .containsEntry("token", "rt-to-revoke")
                    .containsEntry("token_type_hint", "refresh_token");
        }
    }

    @Test
    void refusedRevocationCarriesTheOAuthErrorButNotTheToken() {
        try (ScriptedServer server = new ScriptedServer()) {
            server.thenJson(400, "{\"error\":\"unsupported_token_type\"}");
            TokenRevoker revoker = TokenRevoker.create(metadata(server),
                    ClientAuthentication.clientSecretPost("svc", "secret"), http());

            assertThatThrownBy(() -> revoker.revoke("very-secret-token",
                    TokenTypeHint.ACCESS_TOKEN))
                    .isInstanceOfSatisfying(OAuthClientException.class, e -> {
                        assertThat(e.error()).contains("unsupported_token_type");
                        assertThat(e.httpStatus()).hasValue(400);
                    })
                    .message().doesNotContain("very-secret-token").doesNotContain("secret");
        }
    }

    @Test
    void registrationSendsJsonMetadataAndReturnsTheIssuedClient() {
        try (ScriptedServer server = new ScriptedServer()) {
            server.thenJson(201, "{\"client_id\":\"new-client\",\"client_secret\":\"s3\","
                    + "\"client_secret_expires_at\":0,\"grant_types\":[\"client_credentials\"]}");
            ClientRegistrar registrar = ClientRegistrar.create(metadata(server), http());

            RegisteredClient client = registrar.register(Map.of("client_name", "Lab importer",
                    "grant_types", List.of("client_credentials")), Optional.of("iat-1"));

            assertThat(client.clientId()).isEqualTo("new-client");
            assertThat(client.clientSecret()).contains("s3");
            assertThat(client.clientSecretExpiresAt()).isEmpty();
            assertThat(client.toString()).doesNotContain("s3");
            assertThat(server.received.get(0).authorization()).isEqualTo("Bearer iat-1");
            assertThat(server.received.get(0).body()).contains("\"client_name\":\"Lab importer\"");
        }
    }

    @Test
    void refusedRegistrationCarriesTheErrorCode() {
        try (ScriptedServer server = new ScriptedServer()) {
            server.thenJson(400, "{\"error\":\"invalid_redirect_uri\"}");
            ClientRegistrar registrar = ClientRegistrar.create(metadata(server), http());

            assertThatThrownBy(() -> registrar.register(Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.error())
                            .contains("invalid_redirect_uri"))
                    .hasMessage("client registration failed (HTTP 400, error invalid_redirect_uri)");
        }
    }

    @Test
    void serverWithoutRevocationEndpointIsRefusedWithAClearMessage() {
        try (ScriptedServer server = new ScriptedServer()) {
            AuthorizationServerMetadata bare = AuthorizationServerMetadata
                    .builder(server.url("/as")).tokenEndpoint(server.url("/as/token"))
                    .build(http());

            assertThatThrownBy(() -> TokenRevoker.create(bare,
                    ClientAuthentication.none("app"), http()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("advertises no revocation_endpoint; revocation is not "
                            + "supported");
        }
    }

    private static OAuthHttpConfig http() {
        return OAuthHttpConfig.builder().requireHttps(false).build();
    }

    private static AuthorizationServerMetadata metadata(ScriptedServer server) {
        return AuthorizationServerMetadata.builder(server.url("/as"))
                .tokenEndpoint(server.url("/as/token"))
                .revocationEndpoint(server.url("/as/revoke"))
                .registrationEndpoint(server.url("/as/register"))
                .build(http());
    }
}
