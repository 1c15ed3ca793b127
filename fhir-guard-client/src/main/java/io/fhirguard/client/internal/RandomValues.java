package io.fhirguard.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers, PKCE values and fingerprints. */
public final class RandomValues {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private RandomValues() {
    }

    /** {@code bytes} random bytes, Base64url without padding. */
    public static String urlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL.encodeToString(buffer);
    }

    /** PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
    public static String s256(String verifier) {
        return URL.encodeToString(sha256(verifier));
    }

    /** First 8 bytes of SHA-256 in hex: enough to correlate a token in logs, useless to use it. */
    public static String fingerprint(String token) {
        byte[] hash = sha256(token);
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
