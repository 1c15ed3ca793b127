package io.fhirguard.client.internal;

import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.TokenEndpointRequest;

/** A public client: only {@code client_id} (RFC 6749 §2.1, method {@code none}). */
public final class PublicClientAuthentication implements ClientAuthentication {
    private final String clientId;

    /** Creates the authentication. */
    public PublicClientAuthentication(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId is required");
        }
        this.clientId = clientId;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public String method() {
        return "none";
    }

    @Override
    public void authenticate(TokenEndpointRequest request) {
        request.setParameter("client_id", clientId);
    }

    @Override
    public String toString() {
        return "none[clientId=" + clientId + "]";
    }
}
