package io.fhirguard.token;

import io.fhirguard.token.internal.ConfigChecks;
import io.fhirguard.token.internal.StaticKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One issuer whose JWTs are trusted, with the audience(s) its tokens must name, the algorithms
 * and keys that may sign them, and how strictly they are checked.
 *
 * <p>Immutable and thread-safe. Made by {@link #builder(String)}; {@link Builder#build()}
 * reports every configuration problem at once. Exactly one key source is set: a JWKS URI, a
 * well-known discovery document, or static JWKS/PEM text; an HMAC secret may be added for
 * {@code HS*} algorithms, or be the only source.
 *
 * <p>Defaults: algorithms {@code RS256 RS384 RS512 PS256 PS384 ES256 ES384}; clock skew 60 s
 * (at most 300 s); RFC 9068 mode off; role claim {@code roles}; HTTPS required for every URI
 * except loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}).
 *
 * <p>{@link #toString()} never shows the HMAC secret.
 *
 * @since 1.0
 */
public final class TrustedIssuer {
    /** The algorithms allowed when none are configured. */
    public static final List<String> DEFAULT_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "ES256", "ES384");
    /** The largest clock skew a configuration may allow. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(300);

    private final String issuer;
    private final List<String> audiences;
    private final List<String> algorithms;
    private final URI jwksUri;
    private final KeyDiscovery discovery;
    private final String staticKeys;
    private final byte[] hmacSecret;
    private final Duration clockSkew;
    private final boolean rfc9068;
    private final String roleClaim;
    private final boolean insecureHttpAllowed;

    private TrustedIssuer(Builder b) {
        this.issuer = b.issuer;
        this.audiences = List.copyOf(b.audiences);
        this.algorithms = List.copyOf(b.algorithms);
        this.jwksUri = b.jwksUri;
        this.discovery = b.discovery;
        this.staticKeys = b.staticKeys;
        this.hmacSecret = b.hmacSecret == null ? null : b.hmacSecret.clone();
        this.clockSkew = b.clockSkew;
        this.rfc9068 = b.rfc9068;
        this.roleClaim = b.roleClaim;
        this.insecureHttpAllowed = b.insecureHttpAllowed;
    }

    /**
     * Starts the configuration of a trusted issuer.
     *
     * @param issuer the exact {@code iss} value its tokens carry; compared without any
     *     normalisation, so {@code https://as.example/} and {@code https://as.example} differ
     * @return a builder
     */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /**
     * Returns a builder holding this configuration, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(issuer);
        b.audiences.addAll(audiences);
        b.algorithms.clear();
        b.algorithms.addAll(algorithms);
        b.jwksUri = jwksUri;
        b.discovery = discovery;
        b.staticKeys = staticKeys;
        b.hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
        b.clockSkew = clockSkew;
        b.rfc9068 = rfc9068;
        b.roleClaim = roleClaim;
        b.insecureHttpAllowed = insecureHttpAllowed;
        return b;
    }

    /**
     * Returns the exact issuer string.
     *
     * @return the issuer
     */
    public String issuer() {
        return issuer;
    }

    /**
     * Returns the audiences; a token must name at least one of them in {@code aud}.
     *
     * @return a non-empty unmodifiable list
     */
    public List<String> audiences() {
        return audiences;
    }

    /**
     * Returns the JWS algorithms this issuer's tokens may use.
     *
     * @return a non-empty unmodifiable list, never containing {@code none}
     */
    public List<String> algorithms() {
        return algorithms;
    }

    /**
     * Returns the JWKS URI, when keys are fetched from one directly.
     *
     * @return the URI, or empty
     */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /**
     * Returns the discovery document that names the {@code jwks_uri}, when discovery is used.
     *
     * @return the discovery kind, or empty
     */
    public Optional<KeyDiscovery> discovery() {
        return Optional.ofNullable(discovery);
    }

    /**
     * Returns the static key text (a JWKS document or PEM public keys), when configured.
     *
     * @return the text, or empty
     */
    public Optional<String> staticKeys() {
        return Optional.ofNullable(staticKeys);
    }

    /**
     * Returns a copy of the HMAC secret for {@code HS*} algorithms, when configured.
     *
     * @return a copy of the secret, or empty
     */
    public Optional<byte[]> hmacSecret() {
        return Optional.ofNullable(hmacSecret).map(byte[]::clone);
    }

    /**
     * Returns the clock skew allowed on {@code exp}, {@code nbf} and {@code iat}.
     *
     * @return the skew; default 60 s, at most 300 s
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * Tells whether RFC 9068 mode is on: {@code typ} must be {@code at+jwt} and {@code sub},
     * {@code client_id}, {@code iat} and {@code jti} are required (RFC 9068 §2.1, §2.2, §4).
     *
     * @return true in RFC 9068 mode; default false
     */
    public boolean isRfc9068() {
        return rfc9068;
    }

    /**
     * Returns the dotted path of the claim that holds role names, for example {@code roles},
     * {@code groups} or {@code realm_access.roles}.
     *
     * @return the path; default {@code roles}
     */
    public String roleClaim() {
        return roleClaim;
    }

    /**
     * Tells whether plain HTTP was explicitly allowed for non-loopback URIs.
     *
     * @return true when allowed; default false
     */
    public boolean isInsecureHttpAllowed() {
        return insecureHttpAllowed;
    }

    /**
     * Describes the issuer without its secret.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "TrustedIssuer[" + issuer + " aud=" + audiences + " alg=" + algorithms
                + " keys=" + (jwksUri != null ? jwksUri : discovery != null ? discovery
                        : staticKeys != null ? "static" : "none")
                + (hmacSecret != null ? " hmac=***" : "") + " rfc9068=" + rfc9068 + "]";
    }

    /**
     * Builds a {@link TrustedIssuer}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final String issuer;
        private final List<String> audiences = new ArrayList<>();
        private final List<String> algorithms = new ArrayList<>(DEFAULT_ALGORITHMS);
        private URI jwksUri;
        private KeyDiscovery discovery;
        private String staticKeys;
        private byte[] hmacSecret;
        private Duration clockSkew = Duration.ofSeconds(60);
        private boolean rfc9068;
        private String roleClaim = "roles";
        private boolean insecureHttpAllowed;

        private Builder(String issuer) {
            this.issuer = issuer;
        }

        /**
         * Adds audiences a token may name; at least one is required.
         *
         * @param audiences the audience values, compared exactly
         * @return this builder
         */
        public Builder audiences(String... audiences) {
            this.audiences.addAll(Arrays.asList(audiences));
            return this;
        }

        /**
         * Replaces the allowed algorithms. {@code none} is never allowed; {@code HS256},
         * {@code HS384} and {@code HS512} need {@link #hmacSecret(byte[])}.
         *
         * @param algorithms JWS algorithm names (RFC 7518 §3.1)
         * @return this builder
         */
        public Builder algorithms(String... algorithms) {
            this.algorithms.clear();
            this.algorithms.addAll(Arrays.asList(algorithms));
            return this;
        }

        /**
         * Fetches keys from this JWKS URI.
         *
         * @param jwksUri an {@code https} URI (or loopback {@code http})
         * @return this builder
         */
        public Builder jwksUri(URI jwksUri) {
            this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
            return this;
        }

        /**
         * Finds the {@code jwks_uri} in the issuer's well-known document. The document's
         * {@code issuer} member, when present, must equal the configured issuer exactly.
         *
         * @param discovery which document to read
         * @return this builder
         */
        public Builder discovery(KeyDiscovery discovery) {
            this.discovery = Objects.requireNonNull(discovery, "discovery");
            return this;
        }

        /**
         * Uses fixed keys: a JWKS JSON document, or one or more PEM
         * {@code -----BEGIN PUBLIC KEY-----} blocks (RSA or EC). Never fetched or refreshed.
         *
         * @param keys the JWKS or PEM text
         * @return this builder
         */
        public Builder staticKeys(String keys) {
            this.staticKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Sets the shared secret for {@code HS*} algorithms: at least 32 bytes (256 bits),
         * 48 for {@code HS384} and 64 for {@code HS512} (RFC 7518 §3.2). Copied.
         *
         * @param secret the secret bytes
         * @return this builder
         */
        public Builder hmacSecret(byte[] secret) {
            this.hmacSecret = Objects.requireNonNull(secret, "secret").clone();
            return this;
        }

        /**
         * Sets the clock skew allowed on time claims.
         *
         * @param clockSkew between 0 and 300 s; default 60 s
         * @return this builder
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        /**
         * Turns RFC 9068 mode on or off.
         *
         * @param rfc9068 true to require {@code typ: at+jwt} and the RFC 9068 claims
         * @return this builder
         */
        public Builder rfc9068(boolean rfc9068) {
            this.rfc9068 = rfc9068;
            return this;
        }

        /**
         * Sets the dotted path of the role claim; the value may be a JSON array of strings or
         * one space-separated string.
         *
         * @param roleClaim for example {@code roles}, {@code groups}, {@code realm_access.roles}
         * @return this builder
         */
        public Builder roleClaim(String roleClaim) {
            this.roleClaim = Objects.requireNonNull(roleClaim, "roleClaim");
            return this;
        }

        /**
         * Allows plain {@code http} URIs to non-loopback hosts. Keys fetched over plain HTTP can
         * be replaced by anyone on the path; use only on a trusted network.
         *
         * @param allowed true to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allowed) {
            this.insecureHttpAllowed = allowed;
            return this;
        }

        /**
         * Checks the whole configuration and builds it.
         *
         * @return the immutable issuer configuration
         * @throws IllegalArgumentException listing every problem found, each naming the
         *     setting, the rejected value (never the secret) and what is allowed
         */
        public TrustedIssuer build() {
            List<String> problems = new ArrayList<>();
            checkIssuer(problems);
            checkKeys(problems);
            ConfigChecks.checkAlgorithms(algorithms, hmacSecret, problems);
            if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                problems.add("clockSkew: " + clockSkew + " is outside 0..PT5M");
            }
            if (!ConfigChecks.isClaimPath(roleClaim)) {
                problems.add("roleClaim: '" + roleClaim + "' is not a dotted claim path of"
                        + " printable ASCII without quotes, backslashes or spaces");
            }
            ConfigChecks.throwIfAny("TrustedIssuer " + issuer, problems);
            return new TrustedIssuer(this);
        }

        private void checkIssuer(List<String> problems) {
            if (issuer == null || issuer.isBlank()) {
                problems.add("issuer: must not be blank");
            }
            if (audiences.isEmpty()) {
                problems.add("audiences: at least one audience is required");
            }
            if (audiences.stream().anyMatch(a -> a == null || a.isBlank())) {
                problems.add("audiences: must not contain a blank value");
            }
        }

        private void checkKeys(List<String> problems) {
            int sources = (jwksUri != null ? 1 : 0) + (discovery != null ? 1 : 0)
                    + (staticKeys != null ? 1 : 0);
            if (sources > 1) {
                problems.add("keys: set only one of jwksUri, discovery and staticKeys");
            }
            if (sources == 0 && hmacSecret == null) {
                problems.add("keys: set one of jwksUri, discovery, staticKeys or hmacSecret");
            }
            if (jwksUri != null) {
                ConfigChecks.checkUri("jwksUri", jwksUri, insecureHttpAllowed, problems);
            }
            if (discovery != null && issuer != null) {
                ConfigChecks.checkUri("issuer (for discovery)", ConfigChecks.toUri(issuer),
                        insecureHttpAllowed, problems);
            }
            if (staticKeys != null) {
                StaticKeys.problems(staticKeys).forEach(p -> problems.add("staticKeys: " + p));
            }
        }
    }
}
