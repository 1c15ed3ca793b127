package io.fhirguard.client.internal;

import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.OAuthClientException.Category;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks an OpenID Connect ID token from the token endpoint (OIDC Core §3.1.3.7): signature by a
 * key from the server's JWKS, {@code iss}, {@code aud} = client id, {@code exp} with 60 s leeway,
 * and {@code nonce}. The JWKS is fetched for each check (one login, one fetch).
 */
public final class IdTokenVerifier {
    private static final String[] ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "PS384",
        "PS512", "ES256", "ES384", "ES512"};

    private final AuthorizationServerMetadata metadata;
    private final HttpTransport transport;
    private final Clock clock;

    /** Creates a verifier for one server. */
    public IdTokenVerifier(AuthorizationServerMetadata metadata, HttpTransport transport,
            Clock clock) {
        this.metadata = metadata;
        this.transport = transport;
        this.clock = clock;
    }

    /** Verifies the ID token or throws {@link Category#INVALID_CALLBACK}. */
    public void verify(String idToken, String clientId, String nonce) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ALGORITHMS)
                .setExpectedIssuer(metadata.issuer().toString())
                .setExpectedAudience(clientId)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw OAuthClientException.of(Category.INVALID_CALLBACK,
                    "ID token failed its signature, issuer, audience or expiry check");
        }
        if (!nonce.equals(claims.getClaimValue("nonce"))) {
            throw OAuthClientException.of(Category.INVALID_CALLBACK,
                    "ID token nonce does not match the authorization request");
        }
    }

    private List<JsonWebKey> keys() {
        URI jwksUri = metadata.jwksUri().orElseThrow(() -> OAuthClientException.of(
                Category.INVALID_RESPONSE, "metadata has no jwks_uri to check the ID token"));
        JsonResponse response = transport.getJson(jwksUri);
        if (!response.isSuccess() || !(response.body().get("keys") instanceof List<?> raw)) {
            throw OAuthClientException.ofResponse(Category.INVALID_RESPONSE,
                    "JWKS at " + HttpTransport.describe(jwksUri) + " is unusable", null, null,
                    response.status());
        }
        List<JsonWebKey> keys = new ArrayList<>();
        for (Object entry : raw) {
            if (entry instanceof Map<?, ?> map) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) map;
                    keys.add(JsonWebKey.Factory.newJwk(params));
                } catch (JoseException e) {
                    // A key type we cannot read cannot have signed a token we accept: skip it.
                }
            }
        }
        return keys;
    }
}
