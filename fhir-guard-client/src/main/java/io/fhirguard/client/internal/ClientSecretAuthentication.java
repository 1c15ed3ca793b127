package io.fhirguard.client.internal;

import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.TokenEndpointRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code client_secret_basic} and {@code client_secret_post} (RFC 6749 §2.3.1). */
public final class ClientSecretAuthentication implements ClientAuthentication {
    private final String clientId;
    private final String clientSecret;
    private final boolean basic;

    /** Creates the authentication; {@code basic} picks the header over form parameters. */
    public ClientSecretAuthentication(String clientId, String clientSecret, boolean basic) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId is required");
        }
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientSecret is required");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.basic = basic;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public String method() {
        return basic ? "client_secret_basic" : "client_secret_post";
    }

    @Override
    public void authenticate(TokenEndpointRequest request) {
        if (basic) {
            request.setHeader("Authorization", basicHeader(clientId, clientSecret));
        } else {
            request.setParameter("client_id", clientId);
            request.setParameter("client_secret", clientSecret);
        }
    }

    /**
     * RFC 6749 §2.3.1: id and secret are form-encoded first, then joined by a colon and
     * Base64-encoded, so a colon inside the id cannot shift the split.
     */
    static String basicHeader(String id, String secret) {
        String pair = Forms.encode(id) + ":" + Forms.encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return method() + "[clientId=" + clientId + ", secret=****]";
    }
}
