package io.fhirguard.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings for every HTTP call the OAuth client makes (discovery, token, revocation,
 * registration, JWKS): timeouts, a response-size cap and whether plain HTTP is allowed.
 *
 * <p>Defaults: connect timeout 5 s, read timeout (whole response) 10 s, response cap 256 KiB,
 * HTTPS required. Redirects are never followed, so a token request cannot be bounced to another
 * host. Thread-safe.
 *
 * @since 1.0
 */
public final class OAuthHttpConfig {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final boolean requireHttps;

    private OAuthHttpConfig(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.requireHttps = b.requireHttps;
    }

    /**
     * Returns the default settings.
     *
     * @return settings with every default
     */
    public static OAuthHttpConfig defaults() {
        return builder().build();
    }

    /**
     * Starts a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().connectTimeout(connectTimeout).readTimeout(readTimeout)
                .maxResponseBytes(maxResponseBytes).requireHttps(requireHttps);
    }

    /**
     * Returns how long to wait for a TCP/TLS connection.
     *
     * @return the connect timeout, default 5 s
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns how long to wait for the whole response after sending the request.
     *
     * @return the read timeout, default 10 s
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the largest response body accepted; a larger one fails with
     * {@link OAuthClientException.Category#INVALID_RESPONSE}.
     *
     * @return the cap in bytes, default 262144 (256 KiB)
     */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Tells whether every endpoint must use {@code https}.
     *
     * @return true (the default) when plain {@code http} endpoints are refused
     */
    public boolean isHttpsRequired() {
        return requireHttps;
    }

    @Override
    public String toString() {
        return "OAuthHttpConfig[connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", maxResponseBytes=" + maxResponseBytes + ", requireHttps="
                + requireHttps + "]";
    }

    /**
     * Builds {@link OAuthHttpConfig}; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private int maxResponseBytes = 256 * 1024;
        private boolean requireHttps = true;

        private Builder() {
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout between 1 ms and 5 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets the read timeout for the whole response.
         *
         * @param timeout between 1 ms and 5 minutes
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Sets the response-size cap.
         *
         * @param bytes between 1024 and 16777216
         * @return this builder
         */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Sets whether plain {@code http} endpoints are refused. Turn this off only for
         * loopback tests: over plain HTTP, secrets and tokens cross the network readable.
         *
         * @param required false to allow {@code http}
         * @return this builder
         */
        public Builder requireHttps(boolean required) {
            this.requireHttps = required;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming every invalid setting
         */
        public OAuthHttpConfig build() {
            List<String> problems = new ArrayList<>();
            checkDuration("connectTimeout", connectTimeout, problems);
            checkDuration("readTimeout", readTimeout, problems);
            if (maxResponseBytes < 1024 || maxResponseBytes > 16 * 1024 * 1024) {
                problems.add("maxResponseBytes is " + maxResponseBytes
                        + "; allowed 1024 to 16777216");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid OAuthHttpConfig: "
                        + String.join("; ", problems));
            }
            return new OAuthHttpConfig(this);
        }

        private static void checkDuration(String name, Duration value, List<String> problems) {
            if (value == null) {
                problems.add(name + " is missing");
            } else if (value.compareTo(Duration.ofMillis(1)) < 0
                    || value.compareTo(Duration.ofMinutes(5)) > 0) {
                problems.add(name + " is " + value + "; allowed 1 ms to 5 minutes");
            }
        }
    }

    static void checkEndpoint(String name, java.net.URI uri, OAuthHttpConfig http) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme)
                && !("http".equalsIgnoreCase(scheme) && !http.isHttpsRequired())) {
            throw new IllegalArgumentException(name + " must be an https URL (or http with "
                    + "requireHttps(false)); got scheme " + scheme);
        }
    }
}
