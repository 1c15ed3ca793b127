package io.fhirguard.testing;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes signed JWTs for tests: sensible RFC 9068 defaults from one issuer, every header and
 * claim overridable, and raw signing of arbitrary header and payload text for attack tests.
 *
 * <pre>{@code
 * TokenFactory tokens = TokenFactory.of(issuer, "https://fhir.example", key, clock);
 * String jwt = tokens.token().claim("patient", "123").sign();
 * }</pre>
 */
public final class TokenFactory {
    private final String issuer;
    private final String audience;
    private final TestKey key;
    private final Clock clock;

    private TokenFactory(String issuer, String audience, TestKey key, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Creates a factory.
     *
     * @param issuer the {@code iss} of its tokens
     * @param audience the {@code aud} of its tokens
     * @param key the signing key
     * @param clock the clock for {@code iat} and {@code exp}
     * @return the factory
     */
    public static TokenFactory of(String issuer, String audience, TestKey key, Clock clock) {
        return new TokenFactory(issuer, audience, key, clock);
    }

    /**
     * Starts a token: typ at+jwt, kid and alg of the key; iss, aud, sub {@code user-1},
     * client_id {@code app-1}, scope, iat now, exp now + 5 min, a random jti.
     *
     * @return a builder
     */
    public Builder token() {
        Instant now = clock.instant();
        Builder b = new Builder(key);
        b.header.put("alg", key.alg());
        b.header.put("typ", "at+jwt");
        b.header.put("kid", key.kid());
        b.claims.put("iss", issuer);
        b.claims.put("aud", audience);
        b.claims.put("sub", "user-1");
        b.claims.put("client_id", "app-1");
        b.claims.put("scope", "launch/patient patient/Observation.rs");
        b.claims.put("iat", now.getEpochSecond());
        b.claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
        b.claims.put("jti", UUID.randomUUID().toString());
        return b;
    }

    /**
     * Base64url-encodes bytes without padding.
     *
     * @param bytes the bytes
     * @return the encoding
     */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Base64url-encodes UTF-8 text without padding.
     *
     * @param text the text
     * @return the encoding
     */
    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signs raw header and payload text with a key, using the alg given.
     *
     * @param headerJson the header text, used verbatim
     * @param payloadJson the payload text, used verbatim
     * @param key the key
     * @param alg RS256/384/512, PS256/384, ES256/384
     * @return the compact JWS
     */
    public static String signRaw(String headerJson, String payloadJson, TestKey key, String alg) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(signature(input, key, alg));
    }

    /**
     * Signs raw header and payload text with HMAC.
     *
     * @param headerJson the header text
     * @param payloadJson the payload text
     * @param secret the HMAC secret
     * @param alg HS256, HS384 or HS512
     * @return the compact JWS
     */
    public static String signHmac(String headerJson, String payloadJson, byte[] secret,
            String alg) {
        try {
            String input = b64(headerJson) + "." + b64(payloadJson);
            String name = "HmacSHA" + alg.substring(2);
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(secret, name));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] signature(String input, TestKey key, String alg) {
        try {
            String bits = alg.substring(2);
            Signature s;
            if (alg.startsWith("RS")) {
                s = Signature.getInstance("SHA" + bits + "withRSA");
            } else if (alg.startsWith("PS")) {
                s = Signature.getInstance("RSASSA-PSS");
                MGF1ParameterSpec mgf = new MGF1ParameterSpec("SHA-" + bits);
                s.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", mgf,
                        Integer.parseInt(bits) / 8, 1));
            } else {
                s = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            }
            s.initSign(key.privateKey());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds one token. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private TestKey key;

        private Builder(TestKey key) {
            this.key = key;
        }

        /**
         * Sets a header member.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        /**
         * Sets a claim.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        /**
         * Removes a header member or claim.
         *
         * @param name the name
         * @return this builder
         */
        public Builder without(String name) {
            header.remove(name);
            claims.remove(name);
            return this;
        }

        /**
         * Signs with another key (its kid goes into the header, the alg stays unless changed).
         *
         * @param other the key
         * @return this builder
         */
        public Builder signedBy(TestKey other) {
            this.key = other;
            header.put("kid", other.kid());
            header.put("alg", other.alg());
            return this;
        }

        /** @return the header JSON */
        public String headerJson() {
            return Json.write(header);
        }

        /** @return the payload JSON */
        public String payloadJson() {
            return Json.write(claims);
        }

        /** @return the compact JWS signed with the key under the header's alg */
        public String sign() {
            return signRaw(headerJson(), payloadJson(), key, (String) header.get("alg"));
        }
    }
}
