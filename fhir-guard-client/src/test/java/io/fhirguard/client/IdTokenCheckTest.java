package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class IdTokenCheckTest {
    @AutoClose
    private final ScriptedServer server = new ScriptedServer();
    private final OAuthHttpConfig http = OAuthHttpConfig.builder().requireHttps(false).build();

    private AuthorizationCodeFlow flow() {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata
                .builder(server.url("/as")).tokenEndpoint(server.url("/as/token"))
                .authorizationEndpoint(server.url("/as/authorize"))
                .jwksUri(server.url("/as/jwks")).build(http);
        return AuthorizationCodeFlow.builder().metadata(metadata)
                .authentication(ClientAuthentication.none("app"))
                .redirectUri(server.url("/cb")).fhirBaseUrl(server.url("/fhir"))
                .scopes(List.of("openid")).http(http).build();
    }

    private String idToken(RsaJsonWebKey key, String nonce) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(server.url("/as").toString());
        claims.setAudience("app");
        claims.setSubject("user-1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("nonce", nonce);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private void script(RsaJsonWebKey signer, RsaJsonWebKey published, String nonce)
            throws Exception {
        server.thenJson(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"" + idToken(signer, nonce) + "\"}")
                .thenJson(200, "{\"keys\":[" + published.toJson(
                        JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
    }

    private static RsaJsonWebKey key(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return key;
    }

    @Test
    void idTokenWithAnotherNonceIsRefused() throws Exception {
        RsaJsonWebKey key = key("k1");
        script(key, key, "someone-elses-nonce");
        AuthorizationCodeFlow flow = flow();
        AuthorizationRequest request = flow.authorizationRequest().build();

        assertThatThrownBy(() -> flow.complete(URI.create(server.url("/cb") + "?code=c&state="
                + request.state())))
                .isInstanceOf(OAuthClientException.class)
                .hasMessage("ID token nonce does not match the authorization request");
    }

    @Test
    void idTokenSignedByAKeyNotInTheJwksIsRefused() throws Exception {
        AuthorizationCodeFlow flow = flow();
        AuthorizationRequest request = flow.authorizationRequest().build();
        script(key("k1"), key("k1"), request.nonce().orElseThrow());

        assertThatThrownBy(() -> flow.complete(URI.create(server.url("/cb") + "?code=c&state="
                + request.state())))
                .isInstanceOf(OAuthClientException.class)
                .hasMessage("ID token failed its signature, issuer, audience or expiry check");
    }
}
