package io.fhirguard.client;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of a dynamic client registration (RFC 7591 §3.2.1): the issued client id, the
 * secret if one was issued, and every metadata member the server returned. Immutable;
 * {@code toString()} masks the secret and the registration access token.
 *
 * @since 1.0
 */
public final class RegisteredClient {
    private final Map<String, Object> metadata;

    RegisteredClient(Map<String, Object> metadata) {
        this.metadata = Map.copyOf(metadata);
    }

    /**
     * Returns the issued client id.
     *
     * @return the {@code client_id}
     */
    public String clientId() {
        return (String) metadata.get("client_id");
    }

    /**
     * Returns the issued client secret. Store it like a password; never log it.
     *
     * @return the {@code client_secret}, or empty for public or key-based clients
     */
    public Optional<String> clientSecret() {
        return metadata.get("client_secret") instanceof String s ? Optional.of(s)
                : Optional.empty();
    }

    /**
     * Returns when the secret expires.
     *
     * @return the instant, or empty when the secret never expires ({@code 0}) or none was given
     */
    public Optional<Instant> clientSecretExpiresAt() {
        return metadata.get("client_secret_expires_at") instanceof Number n && n.longValue() > 0
                ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }

    /**
     * Returns one metadata member as the server returned it.
     *
     * @param name the member name, such as {@code redirect_uris}
     * @return the JSON value, or empty
     */
    public Optional<Object> metadata(String name) {
        return Optional.ofNullable(metadata.get(name));
    }

    @Override
    public String toString() {
        return "RegisteredClient[clientId=" + clientId() + ", clientSecret="
                + (clientSecret().isPresent() ? "****" : "none") + "]";
    }
}
