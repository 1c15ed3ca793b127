package io.fhirguard.token.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Not API. */
public final class Hashes {
    private Hashes() {
    }

    /**
     * Hashes text.
     *
     * @param text any text, hashed as UTF-8
     * @return the SHA-256 bytes
     */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Hashes text to lower-case hex.
     *
     * @param text any text, hashed as UTF-8
     * @return 64 hex characters
     */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
