package io.fhirguard.token;

import io.fhirguard.token.internal.ConfigChecks;
import io.fhirguard.token.internal.Hashes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of an {@link ApiKeyValidator}: the header name and the accepted keys, each stored
 * only as the lower-case hex SHA-256 of the key and mapped to a principal with scopes.
 *
 * <p>Immutable and thread-safe. Compute a key's hash with {@link #sha256Hex(String)} (or
 * {@code printf %s "$KEY" | sha256sum}) and configure only the hash. {@link #toString()} shows
 * principals, never hashes.
 *
 * @since 1.0
 */
public final class ApiKeyConfig {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String headerName;
    private final List<ApiKey> keys;
    private final RevocationRegistry revocationRegistry;

    /**
     * One accepted key: its SHA-256 (lower-case hex), the principal it speaks for, and the
     * scopes it grants.
     *
     * @param sha256Hex the hash of the key, 64 lower-case hex characters
     * @param principal the principal, becomes the token's subject
     * @param scopes the granted scopes, in order
     * @since 1.0
     */
    public record ApiKey(String sha256Hex, String principal, List<String> scopes) {
        /**
         * Creates an entry, copying the scopes.
         *
         * @param sha256Hex the hash of the key
         * @param principal the principal
         * @param scopes the scopes
         */
        public ApiKey {
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            Objects.requireNonNull(principal, "principal");
            scopes = List.copyOf(scopes);
        }

        /**
         * Shows the principal and scopes, not the hash.
         *
         * @return a description safe to log
         */
        @Override
        public String toString() {
            return "ApiKey[" + principal + " " + scopes + "]";
        }
    }

    private ApiKeyConfig(Builder b) {
        this.headerName = b.headerName;
        this.keys = List.copyOf(b.keys);
        this.revocationRegistry = b.revocationRegistry;
    }

    /**
     * Starts a configuration.
     *
     * @return a builder; header {@code X-API-Key}, no keys
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the value to configure for a key: the SHA-256 of its UTF-8 bytes in lower-case
     * hex.
     *
     * @param key the API key
     * @return 64 hex characters
     */
    public static String sha256Hex(String key) {
        return Hashes.sha256Hex(key);
    }

    /**
     * Returns the request header the key is read from.
     *
     * @return the header name; default {@code X-API-Key}
     */
    public String headerName() {
        return headerName;
    }

    /**
     * Returns the accepted keys.
     *
     * @return at least one entry
     */
    public List<ApiKey> keys() {
        return keys;
    }

    /**
     * Returns the revocation registry asked about each key's principal.
     *
     * @return the registry, or empty for none
     */
    public Optional<RevocationRegistry> revocationRegistry() {
        return Optional.ofNullable(revocationRegistry);
    }

    /**
     * Shows the header and principals, never the hashes.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "ApiKeyConfig[header=" + headerName + " keys=" + keys + "]";
    }

    /**
     * Builds an {@link ApiKeyConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private String headerName = "X-API-Key";
        private final List<ApiKey> keys = new ArrayList<>();
        private RevocationRegistry revocationRegistry;

        private Builder() {
        }

        /**
         * Sets the header name.
         *
         * @param headerName an HTTP token (RFC 9110 §5.1); default {@code X-API-Key}
         * @return this builder
         */
        public Builder headerName(String headerName) {
            this.headerName = Objects.requireNonNull(headerName, "headerName");
            return this;
        }

        /**
         * Adds an accepted key by its hash.
         *
         * @param sha256Hex the key's SHA-256, 64 hex characters (case is ignored)
         * @param principal the principal it speaks for
         * @param scopes the scopes it grants
         * @return this builder
         */
        public Builder key(String sha256Hex, String principal, String... scopes) {
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            keys.add(new ApiKey(sha256Hex.toLowerCase(Locale.ROOT), principal,
                    Arrays.asList(scopes)));
            return this;
        }

        /**
         * Sets a revocation registry; {@code revokeSubject(principal)} then disables a key.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder revocationRegistry(RevocationRegistry registry) {
            this.revocationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Checks the whole configuration and builds it.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException listing every problem found
         */
        public ApiKeyConfig build() {
            List<String> problems = new ArrayList<>();
            if (!TOKEN.matcher(headerName).matches()) {
                problems.add("headerName: '" + headerName + "' is not an HTTP header name");
            }
            if (keys.isEmpty()) {
                problems.add("keys: at least one key hash is required (leave API keys"
                        + " unconfigured to turn them off)");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                ApiKey k = keys.get(i);
                if (!HEX64.matcher(k.sha256Hex()).matches()) {
                    problems.add("keys[" + i + "] (" + k.principal() + "): the hash must be 64"
                            + " hex characters of SHA-256");
                } else if (!seen.add(k.sha256Hex())) {
                    problems.add("keys[" + i + "] (" + k.principal() + "): same hash as an"
                            + " earlier key");
                }
                if (k.principal().isBlank()) {
                    problems.add("keys[" + i + "]: principal must not be blank");
                }
            }
            ConfigChecks.throwIfAny("ApiKeyConfig", problems);
            return new ApiKeyConfig(this);
        }
    }
}
