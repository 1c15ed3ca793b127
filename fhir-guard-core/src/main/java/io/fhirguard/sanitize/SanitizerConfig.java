package io.fhirguard.sanitize;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of the {@link SearchParameterValidator}: which FHIR model to check against,
 * what to do with unknown parameters, and the limits that keep a search cheap.
 *
 * <p>Every default is the safe one: strict mode, {@code _count} at most 100, at most 50
 * parameters of at most 20 comma-separated values and 1,024 characters each, 8,192 characters
 * in all, {@code _format} limited to JSON and XML, wildcard includes refused, and absolute
 * references refused because no base is allowed. Make one with {@link #builder()}; instances
 * are thread-safe.
 *
 * <pre>{@code
 * SanitizerConfig config = SanitizerConfig.builder()
 *         .fhirContext(FhirContext.forR4Cached())
 *         .maxCount(50)
 *         .allowedReferenceBases(List.of("https://fhir.example.org/r4"))
 *         .build();
 * }</pre>
 *
 * @since 1.0
 */
public final class SanitizerConfig {
    /** The default {@code _format} allow-list: FHIR's JSON and XML short forms and MIME types. */
    public static final Set<String> DEFAULT_FORMATS = Set.of("json", "xml",
            "application/fhir+json", "application/fhir+xml", "application/json",
            "application/xml");

    private final FhirContext fhirContext;
    private final UnknownParameterMode unknownParameterMode;
    private final int maxCount;
    private final int maxParameters;
    private final int maxValuesPerParameter;
    private final int maxValueLength;
    private final int maxQueryLength;
    private final Set<String> allowedFormats;
    private final List<String> allowedReferenceBases;
    private final boolean wildcardIncludeAllowed;

    private SanitizerConfig(Builder b) {
        this.fhirContext = b.fhirContext;
        this.unknownParameterMode = b.unknownParameterMode;
        this.maxCount = b.maxCount;
        this.maxParameters = b.maxParameters;
        this.maxValuesPerParameter = b.maxValuesPerParameter;
        this.maxValueLength = b.maxValueLength;
        this.maxQueryLength = b.maxQueryLength;
        this.allowedFormats = Set.copyOf(b.allowedFormats);
        this.allowedReferenceBases = List.copyOf(b.allowedReferenceBases);
        this.wildcardIncludeAllowed = b.wildcardIncludeAllowed;
    }

    /**
     * Starts a configuration with every default; only the FHIR context must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration's settings, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fhirContext = fhirContext;
        b.unknownParameterMode = unknownParameterMode;
        b.maxCount = maxCount;
        b.maxParameters = maxParameters;
        b.maxValuesPerParameter = maxValuesPerParameter;
        b.maxValueLength = maxValueLength;
        b.maxQueryLength = maxQueryLength;
        b.allowedFormats = new LinkedHashSet<>(allowedFormats);
        b.allowedReferenceBases = new ArrayList<>(allowedReferenceBases);
        b.wildcardIncludeAllowed = wildcardIncludeAllowed;
        return b;
    }

    /**
     * Returns the FHIR R4 context whose resource and search-parameter definitions are checked.
     *
     * @return the context
     */
    public FhirContext fhirContext() {
        return fhirContext;
    }

    /**
     * Returns what happens to unknown parameters.
     *
     * @return {@link UnknownParameterMode#STRICT} by default
     */
    public UnknownParameterMode unknownParameterMode() {
        return unknownParameterMode;
    }

    /**
     * Returns the largest {@code _count} passed on; a larger one is lowered to it with a
     * {@code param-count-clamped} warning.
     *
     * @return the maximum page size, 100 by default
     */
    public int maxCount() {
        return maxCount;
    }

    /**
     * Returns how many parameters (repeats included) one search may have.
     *
     * @return the limit, 50 by default
     */
    public int maxParameters() {
        return maxParameters;
    }

    /**
     * Returns how many comma-separated values one parameter may hold.
     *
     * @return the limit, 20 by default
     */
    public int maxValuesPerParameter() {
        return maxValuesPerParameter;
    }

    /**
     * Returns the longest decoded value of one parameter, in UTF-16 characters.
     *
     * @return the limit, 1,024 by default
     */
    public int maxValueLength() {
        return maxValueLength;
    }

    /**
     * Returns the longest decoded query, counted as {@code name=value} pairs joined by
     * {@code &}, in UTF-16 characters.
     *
     * @return the limit, 8,192 by default
     */
    public int maxQueryLength() {
        return maxQueryLength;
    }

    /**
     * Returns the {@code _format} values accepted, in lower case; compared case-insensitively.
     *
     * @return an unmodifiable set, {@link #DEFAULT_FORMATS} by default
     */
    public Set<String> allowedFormats() {
        return allowedFormats;
    }

    /**
     * Returns the bases under which absolute references such as
     * {@code https://fhir.example.org/r4/Patient/1} are accepted; every other absolute reference
     * is refused with {@code param-absolute-reference-refused}.
     *
     * @return an unmodifiable list without trailing slashes, empty by default
     */
    public List<String> allowedReferenceBases() {
        return allowedReferenceBases;
    }

    /**
     * Tells whether {@code _include=*} and {@code _revinclude=Type:*} are accepted.
     *
     * @return false by default: a wildcard include can pull an unbounded set of resources
     */
    public boolean isWildcardIncludeAllowed() {
        return wildcardIncludeAllowed;
    }

    /**
     * Builds a {@link SanitizerConfig}; {@link #build()} reports every bad setting at once. Not
     * thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private FhirContext fhirContext;
        private UnknownParameterMode unknownParameterMode = UnknownParameterMode.STRICT;
        private int maxCount = 100;
        private int maxParameters = 50;
        private int maxValuesPerParameter = 20;
        private int maxValueLength = 1024;
        private int maxQueryLength = 8192;
        private Set<String> allowedFormats = new LinkedHashSet<>(DEFAULT_FORMATS);
        private List<String> allowedReferenceBases = new ArrayList<>();
        private boolean wildcardIncludeAllowed;

        private Builder() {
        }

        /**
         * Sets the FHIR context; required, and it must be for FHIR R4.
         *
         * @param fhirContext an R4 context such as {@code FhirContext.forR4Cached()}
         * @return this builder
         */
        public Builder fhirContext(FhirContext fhirContext) {
            this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
            return this;
        }

        /**
         * Sets what happens to unknown parameters.
         *
         * @param mode strict (default) or lenient
         * @return this builder
         */
        public Builder unknownParameterMode(UnknownParameterMode mode) {
            this.unknownParameterMode = Objects.requireNonNull(mode, "unknownParameterMode");
            return this;
        }

        /**
         * Sets the largest {@code _count} passed on.
         *
         * @param maxCount at least 1; default 100
         * @return this builder
         */
        public Builder maxCount(int maxCount) {
            this.maxCount = maxCount;
            return this;
        }

        /**
         * Sets how many parameters one search may have.
         *
         * @param maxParameters at least 1; default 50
         * @return this builder
         */
        public Builder maxParameters(int maxParameters) {
            this.maxParameters = maxParameters;
            return this;
        }

        /**
         * Sets how many comma-separated values one parameter may hold.
         *
         * @param maxValuesPerParameter at least 1; default 20
         * @return this builder
         */
        public Builder maxValuesPerParameter(int maxValuesPerParameter) {
            this.maxValuesPerParameter = maxValuesPerParameter;
            return this;
        }

        /**
         * Sets the longest decoded value of one parameter.
         *
         * @param maxValueLength in characters, at least 1; default 1,024
         * @return this builder
         */
        public Builder maxValueLength(int maxValueLength) {
            this.maxValueLength = maxValueLength;
            return this;
        }

        /**
         * Sets the longest decoded query.
         *
         * @param maxQueryLength in characters, at least 1; default 8,192
         * @return this builder
         */
        public Builder maxQueryLength(int maxQueryLength) {
            this.maxQueryLength = maxQueryLength;
            return this;
        }

        /**
         * Replaces the {@code _format} allow-list.
         *
         * @param formats the accepted values, such as {@code json}; stored in lower case
         * @return this builder
         */
        public Builder allowedFormats(Set<String> formats) {
            this.allowedFormats = new LinkedHashSet<>();
            for (String f : Objects.requireNonNull(formats, "allowedFormats")) {
                allowedFormats.add(Objects.requireNonNull(f, "allowedFormats element")
                        .toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Replaces the bases under which absolute references are accepted.
         *
         * @param bases absolute {@code http} or {@code https} URLs without query or fragment;
         *     a trailing slash is removed. Empty (the default) refuses every absolute reference.
         * @return this builder
         */
        public Builder allowedReferenceBases(List<String> bases) {
            this.allowedReferenceBases = new ArrayList<>();
            for (String base : Objects.requireNonNull(bases, "allowedReferenceBases")) {
                String b = Objects.requireNonNull(base, "allowedReferenceBases element");
                allowedReferenceBases.add(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
            }
            return this;
        }

        /**
         * Allows or refuses wildcard includes ({@code _include=*}, {@code Type:*}).
         *
         * @param allowed true to accept them; default false
         * @return this builder
         */
        public Builder wildcardIncludeAllowed(boolean allowed) {
            this.wildcardIncludeAllowed = allowed;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException listing every bad setting, each with its value and
         *     what is allowed
         */
        public SanitizerConfig build() {
            List<String> problems = new ArrayList<>();
            if (fhirContext == null) {
                problems.add("fhirContext: required, an R4 FhirContext");
            } else if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
                problems.add("fhirContext: was " + fhirContext.getVersion().getVersion()
                        + ", only R4 is supported");
            }
            requireAtLeastOne(problems, "maxCount", maxCount);
            requireAtLeastOne(problems, "maxParameters", maxParameters);
            requireAtLeastOne(problems, "maxValuesPerParameter", maxValuesPerParameter);
            requireAtLeastOne(problems, "maxValueLength", maxValueLength);
            requireAtLeastOne(problems, "maxQueryLength", maxQueryLength);
            for (String base : allowedReferenceBases) {
                checkBase(problems, base);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid SanitizerConfig: "
                        + String.join("; ", problems));
            }
            return new SanitizerConfig(this);
        }

        private static void requireAtLeastOne(List<String> problems, String name, int value) {
            if (value < 1) {
                problems.add(name + ": was " + value + ", must be at least 1");
            }
        }

        private static void checkBase(List<String> problems, String base) {
            String rule = ", must be an absolute http or https URL without query or fragment";
            try {
                URI uri = new URI(base);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme();
                boolean ok = (scheme.equals("https") || scheme.equals("http"))
                        && uri.getHost() != null && uri.getRawQuery() == null
                        && uri.getRawFragment() == null;
                if (!ok) {
                    problems.add("allowedReferenceBases: '" + base + "'" + rule);
                }
            } catch (URISyntaxException e) {
                problems.add("allowedReferenceBases: '" + base + "'" + rule);
            }
        }
    }
}
