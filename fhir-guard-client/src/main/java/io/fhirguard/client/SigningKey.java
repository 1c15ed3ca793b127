package io.fhirguard.client;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A private key that signs {@code private_key_jwt} client assertions, with its {@code kid} and
 * algorithm: {@code RS384} for RSA keys of at least 2048 bits, {@code ES384} for EC keys on
 * P-384, the two algorithms SMART Backend Services requires servers to support. Other key types,
 * curves and sizes are refused when the key is loaded.
 *
 * <p>Immutable and thread-safe; {@code toString()} shows the {@code kid} and algorithm only.
 *
 * @since 1.0
 */
public final class SigningKey {
    private static final int MIN_RSA_BITS = 2048;

    private final PrivateKey privateKey;
    private final String keyId;
    private final String algorithm;

    private SigningKey(PrivateKey privateKey, String keyId) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("keyId is required (it becomes the JWS kid "
                    + "header the server uses to pick the public key)");
        }
        this.privateKey = privateKey;
        this.keyId = keyId;
        this.algorithm = algorithmFor(privateKey);
    }

    private static String algorithmFor(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key has "
                        + rsa.getModulus().bitLength() + " bits; at least 2048 are required");
            }
            return "RS384";
        }
        if (key instanceof ECPrivateKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 384) {
                throw new IllegalArgumentException("EC key is not on P-384; only ES384 is "
                        + "supported for EC keys");
            }
            return "ES384";
        }
        throw new IllegalArgumentException("key algorithm " + key.getAlgorithm()
                + " is not supported; use RSA (RS384) or EC P-384 (ES384)");
    }

    /**
     * Wraps a private key already in memory.
     *
     * @param privateKey an RSA (at least 2048 bits) or EC P-384 key
     * @param keyId the {@code kid} the server knows the public key by
     * @return the signing key
     * @throws IllegalArgumentException for an unsupported key or a blank key id
     */
    public static SigningKey of(PrivateKey privateKey, String keyId) {
        return new SigningKey(privateKey, keyId);
    }

    /**
     * Reads a private JWK (JSON with the private parts, RFC 7517). The {@code kid} comes from
     * the JWK; an {@code alg} member, if present, must be {@code RS384} or {@code ES384}.
     *
     * @param jwkJson the JWK as JSON
     * @return the signing key
     * @throws IllegalArgumentException when the JSON is not a private RSA/EC JWK with a kid
     */
    public static SigningKey fromJwk(String jwkJson) {
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(Objects.requireNonNull(jwkJson, "jwkJson"));
        } catch (JoseException e) {
            throw new IllegalArgumentException("jwkJson is not a valid JWK", e);
        }
        if (!(jwk instanceof PublicJsonWebKey pair) || pair.getPrivateKey() == null) {
            throw new IllegalArgumentException("jwkJson must be an RSA or EC JWK with its "
                    + "private part");
        }
        SigningKey key = new SigningKey(pair.getPrivateKey(), jwk.getKeyId());
        String declared = jwk.getAlgorithm();
        if (declared != null && !declared.equals(key.algorithm)) {
            throw new IllegalArgumentException("JWK alg is " + declared + " but the key signs "
                    + key.algorithm);
        }
        return key;
    }

    /**
     * Reads an unencrypted PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}).
     * Encrypted PEM and the older {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}
     * forms are not supported and are refused; convert them with
     * {@code openssl pkcs8 -topk8 -nocrypt}.
     *
     * @param pem the PEM text
     * @param keyId the {@code kid} the server knows the public key by
     * @return the signing key
     * @throws IllegalArgumentException when the PEM is not an unencrypted PKCS#8 RSA/EC key
     */
    public static SigningKey fromPem(String pem, String keyId) {
        Objects.requireNonNull(pem, "pem");
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("pem must be an unencrypted PKCS#8 key "
                    + "(-----BEGIN PRIVATE KEY-----); other PEM forms are not supported");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pem body is not Base64", e);
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                PrivateKey key = KeyFactory.getInstance(algorithm)
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
                return new SigningKey(key, keyId);
            } catch (GeneralSecurityException e) {
                // Not this algorithm: PKCS#8 names it inside, so try the next factory.
            }
        }
        throw new IllegalArgumentException("pem holds neither an RSA nor an EC private key");
    }

    /**
     * Reads a private key entry from a Java keystore (PKCS12 or JKS, already loaded).
     *
     * @param keyStore the loaded keystore
     * @param alias the entry alias
     * @param password the entry password; the caller may clear the array afterwards
     * @param keyId the {@code kid} the server knows the public key by
     * @return the signing key
     * @throws IllegalArgumentException when the alias is missing, not a private key, the
     *     password is wrong or the key is unsupported
     */
    public static SigningKey fromKeyStore(KeyStore keyStore, String alias, char[] password,
            String keyId) {
        Key key;
        try {
            key = Objects.requireNonNull(keyStore, "keyStore").getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore entry " + alias
                    + " cannot be read (wrong password or unsupported entry)", e);
        }
        if (!(key instanceof PrivateKey privateKey)) {
            throw new IllegalArgumentException("keystore has no private key entry " + alias);
        }
        return new SigningKey(privateKey, keyId);
    }

    /**
     * Returns the key id sent as the JWS {@code kid} header.
     *
     * @return the kid
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Returns the JWS algorithm this key signs with.
     *
     * @return {@code RS384} or {@code ES384}
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Returns the private key, for signing.
     *
     * @return the private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", alg=" + algorithm + ", key=****]";
    }
}
