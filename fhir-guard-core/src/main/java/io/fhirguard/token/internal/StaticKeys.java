package io.fhirguard.token.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses JWKS documents and PEM public keys into usable verification keys. Not API. */
public final class StaticKeys {
    private static final Logger log = LoggerFactory.getLogger(StaticKeys.class);
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final int MIN_RSA_BITS = 2048;

    private StaticKeys() {
    }

    /**
     * Lists what is wrong with static key text, for the configuration builder.
     *
     * @param text JWKS JSON or PEM
     * @return problems, empty when usable
     */
    public static List<String> problems(String text) {
        try {
            if (parse(text).isEmpty()) {
                return List.of("holds no usable public key");
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    /** Parses static text: PEM blocks when present, otherwise a JWKS document. */
    static List<PublicJsonWebKey> parse(String text) {
        if (text.contains("-----BEGIN")) {
            return parsePem(text);
        }
        try {
            return parseJwks(text.getBytes(StandardCharsets.UTF_8));
        } catch (StrictJson.JsonException e) {
            throw new IllegalArgumentException("JWKS is " + e.getMessage(), e);
        }
    }

    /**
     * Parses a JWKS document, skipping (with a WARN) every key that is unusable: unknown or
     * symmetric type, {@code use} other than {@code sig}, {@code key_ops} without
     * {@code verify}, malformed members, RSA under 2048 bits.
     */
    static List<PublicJsonWebKey> parseJwks(byte[] json) throws StrictJson.JsonException {
        Map<String, Object> doc = new StrictJson(8).parseObject(json);
        if (!(doc.get("keys") instanceof List<?> keys)) {
            throw new StrictJson.JsonException("without a keys array", null);
        }
        List<PublicJsonWebKey> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            PublicJsonWebKey key = toKey(keys.get(i), i);
            if (key != null) {
                out.add(key);
            }
        }
        return List.copyOf(out);
    }

    private static PublicJsonWebKey toKey(Object item, int index) {
        if (!(item instanceof Map<?, ?> raw)) {
            log.warn("JWKS key {} skipped: not a JSON object", index);
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new HashMap<>((Map<String, Object>) raw);
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(map);
            if (!(jwk instanceof PublicJsonWebKey pub) || pub.getPublicKey() == null) {
                log.warn("JWKS key {} skipped: kty {} is not a public-key type", index,
                        jwk.getKeyType());
                return null;
            }
            if (jwk.getUse() != null && !"sig".equals(jwk.getUse())) {
                log.warn("JWKS key {} (kid {}) skipped: use is {}", index, jwk.getKeyId(),
                        jwk.getUse());
                return null;
            }
            // RFC 7517 §4.3: a key whose key_ops leave out "verify" is not for checking
            // signatures, whatever use says.
            if (jwk.getKeyOps() != null && !jwk.getKeyOps().contains("verify")) {
                log.warn("JWKS key {} (kid {}) skipped: key_ops has no verify", index,
                        jwk.getKeyId());
                return null;
            }
            if (pub.getPublicKey() instanceof RSAPublicKey rsa
                    && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                log.warn("JWKS key {} (kid {}) skipped: RSA key under {} bits", index,
                        jwk.getKeyId(), MIN_RSA_BITS);
                return null;
            }
            // Only the public half is ever used, even if a careless server publishes more.
            PublicJsonWebKey publicOnly = PublicJsonWebKey.Factory.newPublicJwk(pub.getPublicKey());
            publicOnly.setKeyId(jwk.getKeyId());
            publicOnly.setAlgorithm(jwk.getAlgorithm());
            publicOnly.setUse(jwk.getUse());
            return publicOnly;
        } catch (Exception e) {
            log.warn("JWKS key {} skipped: {}", index, e.getClass().getSimpleName());
            return null;
        }
    }

    private static List<PublicJsonWebKey> parsePem(String text) {
        List<PublicJsonWebKey> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            out.add(toJwk(der));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block found");
        }
        return List.copyOf(out);
    }

    private static PublicJsonWebKey toJwk(byte[] der) {
        for (String type : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(type)
                        .generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("PEM RSA key under 2048 bits");
                }
                return PublicJsonWebKey.Factory.newPublicJwk(key);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                // not this key type; try the next one
            }
        }
        throw new IllegalArgumentException("PEM block is neither an RSA nor an EC public key");
    }
}
