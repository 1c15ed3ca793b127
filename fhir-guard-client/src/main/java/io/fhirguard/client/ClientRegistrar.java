package io.fhirguard.client;

import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.internal.HttpTransport;
import io.fhirguard.client.internal.JsonResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers a client at the authorization server (RFC 7591 dynamic client registration).
 * Client configuration management (RFC 7592: read, update, delete) is not supported.
 * Thread-safe.
 *
 * <pre>{@code
 * RegisteredClient client = ClientRegistrar.create(metadata, http).register(Map.of(
 *         "client_name", "Lab importer",
 *         "grant_types", List.of("client_credentials"),
 *         "token_endpoint_auth_method", "private_key_jwt",
 *         "jwks", publicJwks), Optional.empty());
 * }</pre>
 *
 * @since 1.0
 */
public final class ClientRegistrar {
    private final URI endpoint;
    private final HttpTransport transport;

    private ClientRegistrar(URI endpoint, HttpTransport transport) {
        this.endpoint = endpoint;
        this.transport = transport;
    }

    /**
     * Creates a registrar for a server that advertises a registration endpoint.
     *
     * @param metadata the server; must have {@link AuthorizationServerMetadata#registrationEndpoint()}
     * @param http timeouts and limits
     * @return the registrar
     * @throws IllegalArgumentException when the server has no registration endpoint
     */
    public static ClientRegistrar create(AuthorizationServerMetadata metadata,
            OAuthHttpConfig http) {
        URI endpoint = metadata.registrationEndpoint().orElseThrow(() ->
                new IllegalArgumentException("authorization server " + metadata.issuer()
                        + " advertises no registration_endpoint; registration is not supported"));
        return new ClientRegistrar(endpoint, new HttpTransport(http));
    }

    /**
     * Sends client metadata (RFC 7591 §2) and returns what the server registered.
     *
     * @param clientMetadata the metadata members, such as {@code redirect_uris},
     *     {@code grant_types}, {@code token_endpoint_auth_method}, {@code jwks}
     * @param initialAccessToken the bearer token some servers require for registration
     * @return the registered client
     * @throws OAuthClientException with the error code ({@code invalid_redirect_uri},
     *     {@code invalid_client_metadata}, ...) when refused, {@code INVALID_RESPONSE} when
     *     the answer has no {@code client_id}, or {@code UNREACHABLE}
     */
    public RegisteredClient register(Map<String, Object> clientMetadata,
            Optional<String> initialAccessToken) {
        Map<String, String> headers = new HashMap<>();
        initialAccessToken.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        JsonResponse response = transport.postJson(endpoint,
                Objects.requireNonNull(clientMetadata, "clientMetadata"), headers);
        if (!response.isSuccess()) {
            throw response.toError("client registration");
        }
        if (response.string("client_id").isEmpty()) {
            throw OAuthClientException.of(Category.INVALID_RESPONSE,
                    "registration response has no client_id");
        }
        return new RegisteredClient(response.body());
    }

    @Override
    public String toString() {
        return "ClientRegistrar[" + HttpTransport.describe(endpoint) + "]";
    }
}
