package io.fhirguard.examples.auth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * Shapes the embedded authorization server's access tokens like SMART on FHIR tokens: the
 * audience is the FHIR base URL, {@code scope} holds the scopes the client asked for,
 * {@code client_id} names the client, and the subject of a client-credentials token is the
 * client.
 *
 * <p>For the authorization-code grant the user's claims, such as {@code patient} and
 * {@code scope}, come from the login form of the embedded server (its {@code claims} field),
 * which mock-oauth2-server merges over the claims made here.
 */
final class SmartTokenCallback implements OAuth2TokenCallback {
    private final String issuerId;
    private final String audience;
    private final long expirySeconds;

    SmartTokenCallback(String issuerId, String audience, long expirySeconds) {
        this.issuerId = Objects.requireNonNull(issuerId, "issuerId");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.expirySeconds = expirySeconds;
    }

    @Override
    public String issuerId() {
        return issuerId;
    }

    @Override
    public String subject(TokenRequest request) {
        String client = clientId(request);
        return client != null ? client : "anonymous";
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return List.of(audience);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        Map<String, Object> claims = new LinkedHashMap<>();
        String client = clientId(request);
        if (client != null) {
            claims.put("client_id", client);
        }
        if (request.getScope() != null && !request.getScope().isEmpty()) {
            claims.put("scope", request.getScope().toString());
        }
        if (GrantType.CLIENT_CREDENTIALS.equals(request.getAuthorizationGrant().getType())) {
            claims.put("sub", client);
        }
        return claims;
    }

    @Override
    public long tokenExpiry() {
        return expirySeconds;
    }

    private static String clientId(TokenRequest request) {
        ClientAuthentication auth = request.getClientAuthentication();
        ClientID id = auth != null ? auth.getClientID() : request.getClientID();
        return id != null ? id.getValue() : null;
    }
}
