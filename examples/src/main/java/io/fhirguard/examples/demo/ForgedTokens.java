package io.fhirguard.examples.demo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Makes the attacker's token for the demo: the claims and key id of a real token, signed with a
 * key pair the attacker made, so that only the signature is wrong.
 *
 * @since 1.0
 */
public final class ForgedTokens {
    private ForgedTokens() {
    }

    /**
     * Re-signs a real token's claims with a new RSA key, keeping its {@code kid}.
     *
     * @param realToken a compact JWS issued by the real authorization server
     * @return a token that differs from the real one only in its signature
     * @throws IllegalStateException if the token cannot be read or signed
     */
    public static String resign(String realToken) {
        try {
            JwtClaims claims = new JwtConsumerBuilder().setSkipAllValidators()
                    .setDisableRequireSignature().setSkipSignatureVerification().build()
                    .processToClaims(realToken);
            String header = new String(Base64.getUrlDecoder().decode(realToken.split("\\.")[0]),
                    StandardCharsets.UTF_8);
            String kid = JsonWebSignature.fromCompactSerialization(realToken).getKeyIdHeaderValue();

            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair attacker = generator.generateKeyPair();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(attacker.getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            if (header.contains("\"typ\"")) {
                jws.setHeader("typ", "JWT");
            }
            return jws.getCompactSerialization();
        } catch (InvalidJwtException | JoseException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot forge the demo token: " + e.getMessage(), e);
        }
    }
}
