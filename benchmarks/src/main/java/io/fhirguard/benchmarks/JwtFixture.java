package io.fhirguard.benchmarks;

import java.security.Key;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Fresh keys for one JWS algorithm and access tokens signed with them, shaped like the SMART
 * tokens a FHIR authorization server issues (scope, patient, fhirUser, client_id, jti).
 *
 * <p>Keys are generated per run and live only in memory. Tokens are valid for a day, so even a
 * full run never sees one expire.
 */
public final class JwtFixture {
    /** The issuer every benchmark token names. It is never contacted: keys are static. */
    public static final String ISSUER = "https://auth.fhirguard.test/realms/bench";
    /** The audience every benchmark token names: the FHIR server's base URL. */
    public static final String AUDIENCE = "https://fhir.fhirguard.test/r4";
    /** The SMART scopes of a patient-facing app. */
    public static final String SCOPE = "openid fhirUser launch/patient patient/Patient.rs"
            + " patient/Observation.rs patient/Condition.rs patient/MedicationRequest.rs";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String algorithm;
    private final String keyId;
    private final PublicJsonWebKey keyPair;
    private final byte[] hmacSecret;

    private JwtFixture(String algorithm, PublicJsonWebKey keyPair, byte[] hmacSecret) {
        this.algorithm = algorithm;
        this.keyId = "bench-" + algorithm.toLowerCase();
        this.keyPair = keyPair;
        this.hmacSecret = hmacSecret;
        if (keyPair != null) {
            keyPair.setKeyId(keyId);
        }
    }

    /**
     * Generates a key for the algorithm: RSA 2048 for RS256 and PS256, P-256 for ES256, a
     * 256-bit secret for HS256.
     *
     * @param algorithm RS256, PS256, ES256 or HS256
     * @return the fixture
     */
    public static JwtFixture generate(String algorithm) {
        try {
            return switch (algorithm) {
                case "RS256", "PS256" ->
                        new JwtFixture(algorithm, RsaJwkGenerator.generateJwk(2048), null);
                case "ES256" ->
                        new JwtFixture(algorithm, EcJwkGenerator.generateJwk(EllipticCurves.P256),
                                null);
                case "HS256" -> {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    yield new JwtFixture(algorithm, null, secret);
                }
                default -> throw new IllegalArgumentException(
                        "algorithm: " + algorithm + " is not one of RS256, PS256, ES256, HS256");
            };
        } catch (JoseException e) {
            throw new IllegalStateException("key generation failed for " + algorithm, e);
        }
    }

    /** @return the JWS algorithm name */
    public String algorithm() {
        return algorithm;
    }

    /** @return the key id put in every token's header */
    public String keyId() {
        return keyId;
    }

    /** @return true for HS256, whose key is a shared secret rather than a public key */
    public boolean isHmac() {
        return hmacSecret != null;
    }

    /** @return a copy of the HMAC secret; only for HS256 */
    public byte[] hmacSecret() {
        return Objects.requireNonNull(hmacSecret, "not an HMAC fixture").clone();
    }

    /** @return the public key set as JWKS JSON; only for the asymmetric algorithms */
    public String publicJwks() {
        Objects.requireNonNull(keyPair, "HS256 has no public key set");
        return new JsonWebKeySet(List.of(keyPair)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** @return the key that verifies signatures: the public key, or the HMAC key */
    public Key verificationKey() {
        return isHmac() ? new HmacKey(hmacSecret) : keyPair.getPublicKey();
    }

    /** @return the key pair as a jose4j JWK (private part included); null for HS256 */
    public PublicJsonWebKey keyPair() {
        return keyPair;
    }

    /**
     * Signs a token for a patient-facing app.
     *
     * @param subject the {@code sub} and the source of the {@code jti}; distinct subjects give
     *     distinct tokens
     * @param patientId the SMART {@code patient} launch context
     * @return the compact JWS
     */
    public String sign(String subject, String patientId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(1);
        NumericDate exp = NumericDate.now();
        exp.addSeconds(24 * 3600);
        claims.setExpirationTime(exp);
        claims.setJwtId("jti-" + subject + "-" + RANDOM.nextInt(1 << 30));
        claims.setClaim("client_id", "bench-smart-app");
        claims.setClaim("scope", SCOPE);
        claims.setClaim("patient", patientId);
        claims.setClaim("fhirUser", "Patient/" + patientId);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        jws.setKey(isHmac() ? new HmacKey(hmacSecret) : keyPair.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed for " + algorithm, e);
        }
    }
}
