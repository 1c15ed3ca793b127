package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(String path, int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean match = exchange.getRequestURI().getPath().equals(path);
            byte[] bytes = (match ? body : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(match ? status : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/as");
    }

    private static OAuthHttpConfig http() {
        return OAuthHttpConfig.builder().requireHttps(false).build();
    }

    @Test
    void mockServerMetadataIsFoundThroughTheOpenIdFallback() {
        try (MockServer mock = new MockServer()) {
            AuthorizationServerMetadata metadata = mock.metadata();

            assertThat(metadata.issuer()).isEqualTo(mock.issuer());
            assertThat(metadata.tokenEndpoint()).isEqualTo(
                    mock.server.tokenEndpointUrl(MockServer.ISSUER_ID).uri());
            assertThat(metadata.authorizationEndpoint()).isPresent();
        }
    }

    @Test
    void smartConfigurationIsPreferredWhenPresent() throws IOException {
        URI issuer = serve("/as/.well-known/smart-configuration", 200, "");
        server.removeContext("/");
        String doc = "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + issuer
                + "/smart-token\"}";
        server.createContext("/as/.well-known/smart-configuration", exchange -> {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });

        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.discover(issuer, http());

        assertThat(metadata.tokenEndpoint()).hasToString(issuer + "/smart-token");
    }

    @Test
    void documentNamingAnotherIssuerIsRefused() throws IOException {
        URI issuer = serve("/as/.well-known/openid-configuration", 200,
                "{\"issuer\":\"http://127.0.0.1:1/as\",\"token_endpoint\":\"http://x/t\"}");

        assertThatThrownBy(() -> AuthorizationServerMetadata.discover(issuer, http()))
                .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.category())
                        .isEqualTo(OAuthClientException.Category.DISCOVERY))
                .hasMessageContaining("names another issuer");
    }

    @Test
    void issuerWithATrailingSlashDifferenceIsRefused() throws IOException {
        URI issuer = serve("/as/.well-known/openid-configuration", 200, "");
        server.removeContext("/");
        server.createContext("/", exchange -> {
            byte[] bytes = ("{\"issuer\":\"" + issuer + "/\",\"token_endpoint\":\"" + issuer
                    + "/t\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });

        assertThatThrownBy(() -> AuthorizationServerMetadata.discover(issuer, http()))
                .hasMessageContaining("names another issuer");
    }

    @Test
    void serverErrorStopsDiscoveryInsteadOfFallingThrough() throws IOException {
        URI issuer = serve("/as/.well-known/smart-configuration", 503, "{}");

        assertThatThrownBy(() -> AuthorizationServerMetadata.discover(issuer, http()))
                .isInstanceOf(OAuthClientException.class)
                .hasMessageContaining("smart-configuration failed (HTTP 503)");
    }

    @Test
    void oversizedDocumentIsRefused() throws IOException {
        URI issuer = serve("/as/.well-known/smart-configuration", 200,
                "{\"x\":\"" + "a".repeat(4096) + "\"}");
        OAuthHttpConfig small = http().toBuilder().maxResponseBytes(1024).build();

        assertThatThrownBy(() -> AuthorizationServerMetadata.discover(issuer, small))
                .isInstanceOf(OAuthClientException.class)
                .hasMessageContaining("larger than 1024 bytes");
    }

    @Test
    void plainHttpIssuerIsRefusedByDefault() {
        assertThatThrownBy(() -> AuthorizationServerMetadata.discover(
                URI.create("http://127.0.0.1:1/as"), OAuthHttpConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("issuer must be an https URL (or http with requireHttps(false)); "
                        + "got scheme http");
    }
}
