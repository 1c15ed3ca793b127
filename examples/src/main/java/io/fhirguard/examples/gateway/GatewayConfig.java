package io.fhirguard.examples.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link FhirProxyServlet}: where to forward, how long to wait and how much to
 * buffer. Immutable; {@link Builder#build()} reports every problem at once.
 *
 * @since 1.0
 */
public final class GatewayConfig {
    private final URI upstream;
    private final URI publicBase;
    private final Duration timeout;
    private final int maxConnections;
    private final long maxResponseBytes;
    private final UpstreamCredential credential;

    private GatewayConfig(Builder b) {
        upstream = b.upstream;
        publicBase = b.publicBase;
        timeout = b.timeout;
        maxConnections = b.maxConnections;
        maxResponseBytes = b.maxResponseBytes;
        credential = b.credential;
    }

    /**
     * Starts a configuration; {@code upstream} and {@code publicBase} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the upstream FHIR base URL requests are forwarded to.
     *
     * @return the base, without a trailing slash
     */
    public URI upstream() {
        return upstream;
    }

    /**
     * Returns the gateway's own FHIR base URL, which replaces the upstream base in responses.
     *
     * @return the base, without a trailing slash
     */
    public URI publicBase() {
        return publicBase;
    }

    /**
     * Returns the longest time one upstream exchange may take, from sending the request to the
     * last byte of the response; past it the caller gets 504. Default 10 seconds.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the most connections kept open to the upstream server; further requests queue.
     * Default 32.
     *
     * @return the connection cap
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns the largest upstream response body buffered for rewriting; a larger one is refused
     * with 502. Default 16 MiB.
     *
     * @return the cap in bytes
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Returns the source of the upstream credential.
     *
     * @return the credential source; {@link UpstreamCredential#NONE} by default
     */
    public UpstreamCredential credential() {
        return credential;
    }

    /** Builds a {@link GatewayConfig}. Not thread-safe. */
    public static final class Builder {
        private URI upstream;
        private URI publicBase;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxConnections = 32;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private UpstreamCredential credential = UpstreamCredential.NONE;

        private Builder() {
        }

        /**
         * Sets the upstream FHIR base URL (http or https).
         *
         * @param value the base URL
         * @return this builder
         */
        public Builder upstream(URI value) {
            upstream = stripSlash(value);
            return this;
        }

        /**
         * Sets the gateway's own FHIR base URL.
         *
         * @param value the base URL
         * @return this builder
         */
        public Builder publicBase(URI value) {
            publicBase = stripSlash(value);
            return this;
        }

        /**
         * Sets the upstream timeout; 1 millisecond to 5 minutes.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * Sets the upstream connection cap; 1 to 1024.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /**
         * Sets the response buffer cap in bytes; 1 KiB to 256 MiB.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder maxResponseBytes(long value) {
            maxResponseBytes = value;
            return this;
        }

        /**
         * Sets the upstream credential source.
         *
         * @param value the source
         * @return this builder
         */
        public Builder credential(UpstreamCredential value) {
            credential = Objects.requireNonNull(value, "credential");
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException listing every invalid setting
         */
        public GatewayConfig build() {
            List<String> problems = new ArrayList<>();
            checkBase("upstream", upstream, problems);
            checkBase("publicBase", publicBase, problems);
            if (timeout.isNegative() || timeout.isZero() || timeout.toMinutes() > 5) {
                problems.add("timeout " + timeout + " must be between PT0.001S and PT5M");
            }
            if (maxConnections < 1 || maxConnections > 1024) {
                problems.add("maxConnections " + maxConnections + " must be 1..1024");
            }
            if (maxResponseBytes < 1024 || maxResponseBytes > 256L * 1024 * 1024) {
                problems.add("maxResponseBytes " + maxResponseBytes + " must be 1 KiB..256 MiB");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid gateway configuration ("
                        + problems.size() + "): " + String.join("; ", problems));
            }
            return new GatewayConfig(this);
        }

        private static void checkBase(String name, URI value, List<String> problems) {
            if (value == null) {
                problems.add(name + " is required");
            } else if (!("http".equals(value.getScheme()) || "https".equals(value.getScheme()))
                    || value.getHost() == null || value.getRawQuery() != null) {
                problems.add(name + " '" + value + "' must be an http(s) URL without a query");
            }
        }

        private static URI stripSlash(URI value) {
            Objects.requireNonNull(value, "base URL");
            String s = value.toString();
            return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : value;
        }
    }
}
