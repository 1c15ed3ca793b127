package io.fhirguard.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A signing key pair made at test time (never committed), with its {@code kid} and JWS
 * algorithm. Immutable.
 */
public final class TestKey {
    private final String kid;
    private final String alg;
    private final KeyPair pair;

    private TestKey(String kid, String alg, KeyPair pair) {
        this.kid = kid;
        this.alg = alg;
        this.pair = pair;
    }

    /**
     * Generates a 2048-bit RSA key for RS256.
     *
     * @param kid the key id
     * @return the key
     */
    public static TestKey rsa(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new TestKey(kid, "RS256", g.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Generates an EC key on P-256 (ES256) or P-384 (ES384).
     *
     * @param kid the key id
     * @param alg {@code ES256} or {@code ES384}
     * @return the key
     */
    public static TestKey ec(String kid, String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(alg.equals("ES384") ? "secp384r1" : "secp256r1"));
            return new TestKey(kid, alg, g.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the same key pair under another kid or algorithm (for example PS256 on an RSA
     * key).
     *
     * @param newKid the kid
     * @param newAlg the algorithm
     * @return a new TestKey sharing the key pair
     */
    public TestKey as(String newKid, String newAlg) {
        return new TestKey(newKid, newAlg, pair);
    }

    /** @return the key id */
    public String kid() {
        return kid;
    }

    /** @return the JWS algorithm */
    public String alg() {
        return alg;
    }

    /** @return the public key */
    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** @return the private key */
    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    /** @return the public JWK as a map (kid, use sig, no alg) */
    public Map<String, Object> publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            return new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the public key as a PEM block */
    public String publicPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                        pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Builds a JWKS document of these keys' public halves.
     *
     * @param keys the keys
     * @return JWKS JSON
     */
    public static String jwks(TestKey... keys) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Json.write(keys[i].publicJwk()));
        }
        return sb.append("]}").toString();
    }
}
