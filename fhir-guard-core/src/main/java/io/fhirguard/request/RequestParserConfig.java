package io.fhirguard.request;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import io.fhirguard.request.internal.BaseUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link FhirRequestParser}: the FHIR version to check resource types against,
 * size limits, and the server's own base URLs. Immutable and thread-safe; build one with
 * {@link #builder()}.
 *
 * <p>Defaults: an R4 {@link FhirContext} ({@link FhirContext#forR4Cached()}),
 * {@value #DEFAULT_MAX_PATH_LENGTH} characters of path, {@value #DEFAULT_MAX_QUERY_LENGTH}
 * characters of query string, {@value #DEFAULT_MAX_FORM_BODY_BYTES} bytes (64 KiB) of
 * {@code _search} form body, {@value #DEFAULT_MAX_BUNDLE_BYTES} bytes (10 MiB) of batch or
 * transaction body, {@value #DEFAULT_MAX_BUNDLE_ENTRIES} Bundle entries, and no server base
 * (so every absolute URL in a Bundle entry is refused).
 *
 * @since 1.0
 */
public final class RequestParserConfig {
    /** Default longest path, in characters, before decoding. */
    public static final int DEFAULT_MAX_PATH_LENGTH = 2048;
    /** Default longest query string, in characters, before decoding. */
    public static final int DEFAULT_MAX_QUERY_LENGTH = 8192;
    /** Default largest {@code _search} form body, in bytes (64 KiB). */
    public static final int DEFAULT_MAX_FORM_BODY_BYTES = 64 * 1024;
    /** Default largest batch or transaction body, in bytes (10 MiB). */
    public static final int DEFAULT_MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
    /** Default largest number of entries in a batch or transaction. */
    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 1000;

    private final FhirContext fhirContext;
    private final int maxPathLength;
    private final int maxQueryLength;
    private final int maxFormBodyBytes;
    private final int maxBundleBytes;
    private final int maxBundleEntries;
    private final List<String> serverBases;

    private RequestParserConfig(Builder b, List<String> normalizedBases) {
        this.fhirContext = b.fhirContext;
        this.maxPathLength = b.maxPathLength;
        this.maxQueryLength = b.maxQueryLength;
        this.maxFormBodyBytes = b.maxFormBodyBytes;
        this.maxBundleBytes = b.maxBundleBytes;
        this.maxBundleEntries = b.maxBundleEntries;
        this.serverBases = List.copyOf(normalizedBases);
    }

    /**
     * Starts a configuration with every default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the defaults, with no server base.
     *
     * @return the default configuration
     */
    public static RequestParserConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding these settings, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder().fhirContext(fhirContext).maxPathLength(maxPathLength)
                .maxQueryLength(maxQueryLength).maxFormBodyBytes(maxFormBodyBytes)
                .maxBundleBytes(maxBundleBytes).maxBundleEntries(maxBundleEntries);
        b.serverBases.addAll(serverBases);
        return b;
    }

    /**
     * Returns the FHIR context whose resource types and parsers the parser uses.
     *
     * @return an R4 context
     */
    public FhirContext fhirContext() {
        return fhirContext;
    }

    /**
     * Returns the longest path accepted, in characters before decoding; longer is a 414.
     *
     * @return the limit
     */
    public int maxPathLength() {
        return maxPathLength;
    }

    /**
     * Returns the longest query string accepted, in characters before decoding; longer is a
     * 414.
     *
     * @return the limit
     */
    public int maxQueryLength() {
        return maxQueryLength;
    }

    /**
     * Returns the largest {@code _search} form body accepted, in bytes; larger is a 413.
     *
     * @return the limit
     */
    public int maxFormBodyBytes() {
        return maxFormBodyBytes;
    }

    /**
     * Returns the largest batch or transaction body accepted, in bytes; larger is a 413.
     *
     * @return the limit
     */
    public int maxBundleBytes() {
        return maxBundleBytes;
    }

    /**
     * Returns the largest number of entries a batch or transaction may hold; more is a 413.
     *
     * @return the limit
     */
    public int maxBundleEntries() {
        return maxBundleEntries;
    }

    /**
     * Returns the server's own absolute base URLs, normalized: scheme and host in lower case,
     * default port and trailing {@code /} removed. An absolute URL in a Bundle entry must start
     * with one of them.
     *
     * @return the bases, possibly empty
     */
    public List<String> serverBases() {
        return serverBases;
    }

    @Override
    public String toString() {
        return "RequestParserConfig[fhirVersion=" + fhirContext.getVersion().getVersion()
                + ", maxPathLength=" + maxPathLength + ", maxQueryLength=" + maxQueryLength
                + ", maxFormBodyBytes=" + maxFormBodyBytes + ", maxBundleBytes="
                + maxBundleBytes + ", maxBundleEntries=" + maxBundleEntries + ", serverBases="
                + serverBases + "]";
    }

    /**
     * Builds a {@link RequestParserConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private FhirContext fhirContext;
        private int maxPathLength = DEFAULT_MAX_PATH_LENGTH;
        private int maxQueryLength = DEFAULT_MAX_QUERY_LENGTH;
        private int maxFormBodyBytes = DEFAULT_MAX_FORM_BODY_BYTES;
        private int maxBundleBytes = DEFAULT_MAX_BUNDLE_BYTES;
        private int maxBundleEntries = DEFAULT_MAX_BUNDLE_ENTRIES;
        private final List<String> serverBases = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the FHIR context; it must be R4. Default: {@link FhirContext#forR4Cached()}.
         *
         * @param fhirContext the context
         * @return this builder
         */
        public Builder fhirContext(FhirContext fhirContext) {
            this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
            return this;
        }

        /**
         * Sets the longest path, in characters before decoding. Default 2048.
         *
         * @param maxPathLength a positive number of characters
         * @return this builder
         */
        public Builder maxPathLength(int maxPathLength) {
            this.maxPathLength = maxPathLength;
            return this;
        }

        /**
         * Sets the longest query string, in characters before decoding. Default 8192.
         *
         * @param maxQueryLength a positive number of characters
         * @return this builder
         */
        public Builder maxQueryLength(int maxQueryLength) {
            this.maxQueryLength = maxQueryLength;
            return this;
        }

        /**
         * Sets the largest {@code _search} form body, in bytes. Default 65,536 (64 KiB).
         *
         * @param maxFormBodyBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxFormBodyBytes(int maxFormBodyBytes) {
            this.maxFormBodyBytes = maxFormBodyBytes;
            return this;
        }

        /**
         * Sets the largest batch or transaction body, in bytes. Default 10,485,760 (10 MiB).
         *
         * @param maxBundleBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxBundleBytes(int maxBundleBytes) {
            this.maxBundleBytes = maxBundleBytes;
            return this;
        }

        /**
         * Sets the largest number of entries in a batch or transaction. Default 1000.
         *
         * @param maxBundleEntries a positive number of entries
         * @return this builder
         */
        public Builder maxBundleEntries(int maxBundleEntries) {
            this.maxBundleEntries = maxBundleEntries;
            return this;
        }

        /**
         * Adds one of the server's own absolute base URLs, such as
         * {@code https://fhir.example.org/r4}: {@code http} or {@code https}, with a host, and
         * without user info, query or fragment.
         *
         * @param serverBase the base URL
         * @return this builder
         */
        public Builder addServerBase(String serverBase) {
            serverBases.add(Objects.requireNonNull(serverBase, "serverBase"));
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException listing every invalid setting, each with its name,
         *     the rejected value and what is allowed
         */
        public RequestParserConfig build() {
            List<String> errors = new ArrayList<>();
            if (fhirContext == null) {
                fhirContext = FhirContext.forR4Cached();
            } else if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
                errors.add("fhirContext: version " + fhirContext.getVersion().getVersion()
                        + " is not supported; only R4 is");
            }
            requirePositive(errors, "maxPathLength", maxPathLength);
            requirePositive(errors, "maxQueryLength", maxQueryLength);
            requirePositive(errors, "maxFormBodyBytes", maxFormBodyBytes);
            requirePositive(errors, "maxBundleBytes", maxBundleBytes);
            requirePositive(errors, "maxBundleEntries", maxBundleEntries);
            List<String> normalized = new ArrayList<>();
            for (String base : serverBases) {
                normalizeBase(base, errors).ifPresent(normalized::add);
            }

            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid RequestParserConfig: "
                        + String.join("; ", errors));
            }
            return new RequestParserConfig(this, normalized);
        }

        private static void requirePositive(List<String> errors, String name, int value) {
            if (value <= 0) {
                errors.add(name + ": " + value + " is not allowed; must be at least 1");
            }
        }

        private static Optional<String> normalizeBase(String base,
                List<String> errors) {
            String prefix = "serverBase '" + base + "': ";
            URI uri;
            try {
                uri = new URI(base);
            } catch (URISyntaxException e) {
                errors.add(prefix + "is not a URI");
                return Optional.empty();
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(
                    Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                errors.add(prefix + "must be an http or https URL with a host and without "
                        + "user info, query or fragment");
                return Optional.empty();
            }
            return Optional.of(BaseUrls.origin(scheme, uri.getHost(), uri.getPort())
                    + stripTrailingSlash(uri.getRawPath()));
        }

        private static String stripTrailingSlash(String path) {
            String p = path == null ? "" : path;
            return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }
    }
}
