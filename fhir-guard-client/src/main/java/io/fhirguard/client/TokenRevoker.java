package io.fhirguard.client;

import io.fhirguard.client.internal.HttpTransport;
import io.fhirguard.client.internal.JsonResponse;
import io.fhirguard.client.internal.TokenEndpoint;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Revokes access or refresh tokens at the authorization server (RFC 7009), authenticating as the
 * client. Thread-safe.
 *
 * <pre>{@code
 * TokenRevoker.create(metadata, auth, http).revoke(refreshToken, TokenTypeHint.REFRESH_TOKEN);
 * }</pre>
 *
 * @since 1.0
 */
public final class TokenRevoker {
    private final URI endpoint;
    private final TokenEndpoint calls;

    private TokenRevoker(URI endpoint, TokenEndpoint calls) {
        this.endpoint = endpoint;
        this.calls = calls;
    }

    /**
     * Creates a revoker for a server that advertises a revocation endpoint.
     *
     * @param metadata the server; must have {@link AuthorizationServerMetadata#revocationEndpoint()}
     * @param authentication how the client authenticates
     * @param http timeouts and limits
     * @return the revoker
     * @throws IllegalArgumentException when the server has no revocation endpoint
     */
    public static TokenRevoker create(AuthorizationServerMetadata metadata,
            ClientAuthentication authentication, OAuthHttpConfig http) {
        URI endpoint = metadata.revocationEndpoint().orElseThrow(() ->
                new IllegalArgumentException("authorization server " + metadata.issuer()
                        + " advertises no revocation_endpoint; revocation is not supported"));
        return new TokenRevoker(endpoint, new TokenEndpoint(metadata,
                Objects.requireNonNull(authentication, "authentication"),
                new HttpTransport(http), Clock.systemUTC()));
    }

    /**
     * Revokes one token. The server answers 200 also for tokens it does not know (RFC 7009
     * §2.2), so success means "not valid any more", not "was valid".
     *
     * @param token the access or refresh token
     * @param hint which kind of token it is
     * @throws OAuthClientException with the OAuth error code ({@code unsupported_token_type},
     *     {@code invalid_client}) when refused, or {@code UNREACHABLE}
     */
    public void revoke(String token, TokenTypeHint hint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", Objects.requireNonNull(token, "token"));
        form.put("token_type_hint", Objects.requireNonNull(hint, "hint").value());
        JsonResponse response = calls.post(endpoint, form);
        if (response.status() != 200) {
            throw response.toError("token revocation");
        }
    }

    @Override
    public String toString() {
        return "TokenRevoker[" + HttpTransport.describe(endpoint) + "]";
    }
}
