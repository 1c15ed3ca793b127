package io.fhirguard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a request budget is counted against: an OAuth client, a user (token subject), an API key
 * or a network address.
 *
 * <p>API key values are replaced by their SHA-256 (lower-case hex) when the key is created, so a
 * store, a log line or a metric never sees the key itself. Other values are kept as given,
 * because a distributed store must be able to compare them across nodes; {@link #toString()}
 * masks every value, since a subject or an address can identify a person.
 *
 * <p>Immutable and thread-safe; equal when kind and (hashed) value are equal.
 *
 * @since 1.0
 */
public final class RateLimitKey {
    /**
     * The kind of identity a budget belongs to.
     *
     * @since 1.0
     */
    public enum Kind {
        /** The OAuth {@code client_id} of the token (RFC 9068 §2.2). */
        CLIENT_ID,
        /** The token's subject ({@code sub}). */
        SUBJECT,
        /** A static API key; the value is its SHA-256. */
        API_KEY,
        /** The client's network address, as found by {@link ClientAddressResolver}. */
        ADDRESS
    }

    private final Kind kind;
    private final String value;

    private RateLimitKey(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Creates a key. An {@link Kind#API_KEY} value is hashed with SHA-256 first.
     *
     * @param kind the kind
     * @param value the client id, subject, API key or address; not empty
     * @return the key
     * @throws IllegalArgumentException when the value is empty
     */
    public static RateLimitKey of(Kind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("value: must not be empty");
        }
        return new RateLimitKey(kind, kind == Kind.API_KEY ? sha256(value) : value);
    }

    /**
     * Returns the kind of identity.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the value the budget is kept under: the client id, subject or address as given,
     * or the SHA-256 (lower-case hex) of an API key.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimitKey other && kind == other.kind && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + value.hashCode();
    }

    /**
     * Shows the kind and the first 8 hex characters of the value's SHA-256, never the value.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "RateLimitKey[" + kind + " " + sha256(value).substring(0, 8) + "]";
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
