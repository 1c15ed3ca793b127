package io.fhirguard.client;

import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.internal.HttpTransport;
import io.fhirguard.client.internal.JsonResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints and capabilities of one authorization server, found by discovery or set by
 * hand. Immutable and thread-safe.
 *
 * <p>{@link #discover(URI, OAuthHttpConfig)} tries, in order, the SMART App Launch document
 * ({@code <issuer>/.well-known/smart-configuration}), OpenID Connect Discovery
 * ({@code <issuer>/.well-known/openid-configuration}) and RFC 8414 metadata
 * ({@code /.well-known/oauth-authorization-server} inserted before the issuer path, then
 * appended after it). A document answered with a 4xx status (servers send 404, 405 or 403 for
 * unknown paths) or without an {@code issuer} is skipped; a 5xx status stops discovery; a
 * document whose {@code issuer} differs from the configured issuer in any character is
 * refused (RFC 8414 §3.3, OpenID Connect Discovery §4.3), as is an unreachable server: an outage
 * never silently falls through to another document.
 *
 * @since 1.0
 */
public final class AuthorizationServerMetadata {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationServerMetadata.class);

    private final URI issuer;
    private final URI tokenEndpoint;
    private final URI authorizationEndpoint;
    private final URI revocationEndpoint;
    private final URI registrationEndpoint;
    private final URI jwksUri;
    private final List<String> codeChallengeMethods;
    private final boolean issParameterSupported;

    private AuthorizationServerMetadata(Builder b) {
        this.issuer = b.issuer;
        this.tokenEndpoint = b.tokenEndpoint;
        this.authorizationEndpoint = b.authorizationEndpoint;
        this.revocationEndpoint = b.revocationEndpoint;
        this.registrationEndpoint = b.registrationEndpoint;
        this.jwksUri = b.jwksUri;
        this.codeChallengeMethods = List.copyOf(b.codeChallengeMethods);
        this.issParameterSupported = b.issParameterSupported;
    }

    /**
     * Fetches the metadata of an issuer over HTTP and checks that it names that issuer.
     *
     * @param issuer the issuer identifier, compared character for character with the
     *     document's {@code issuer}
     * @param http timeouts and limits for the discovery calls
     * @return the metadata
     * @throws OAuthClientException {@link Category#UNREACHABLE} when the server cannot be
     *     reached, {@link Category#DISCOVERY} when no document is found, the issuer differs or a
     *     required endpoint is missing
     * @throws IllegalArgumentException when the issuer or an endpoint is not https while
     *     {@link OAuthHttpConfig#isHttpsRequired()}
     */
    public static AuthorizationServerMetadata discover(URI issuer, OAuthHttpConfig http) {
        OAuthHttpConfig.checkEndpoint("issuer", issuer, http);
        HttpTransport transport = new HttpTransport(http);
        for (URI location : candidates(issuer)) {
            JsonResponse response = transport.getJson(location);
            Optional<String> documentIssuer = response.string("issuer");
            boolean absent = response.status() >= 400 && response.status() < 500;
            if (absent || (response.isSuccess() && documentIssuer.isEmpty())) {
                log.debug("Discovery document skipped: {} has none with an issuer",
                        HttpTransport.describe(location));
                continue;
            }
            if (!response.isSuccess()) {
                throw OAuthClientException.ofResponse(Category.DISCOVERY,
                        "discovery at " + HttpTransport.describe(location) + " failed",
                        null, null, response.status());
            }
            if (!documentIssuer.get().equals(issuer.toString())) {
                throw OAuthClientException.of(Category.DISCOVERY, "discovery document at "
                        + HttpTransport.describe(location) + " names another issuer; "
                        + "RFC 8414 §3.3 requires an exact match");
            }
            return fromDocument(issuer, response.body(), http);
        }
        throw OAuthClientException.of(Category.DISCOVERY,
                "no discovery document with an issuer found for " + issuer);
    }

    static List<URI> candidates(URI issuer) {
        String base = issuer.toString().replaceAll("/+$", "");
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath().replaceAll("/+$", "");
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        List<URI> out = new ArrayList<>();
        out.add(URI.create(base + "/.well-known/smart-configuration"));
        out.add(URI.create(base + "/.well-known/openid-configuration"));
        out.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
        if (!path.isEmpty()) {
            out.add(URI.create(base + "/.well-known/oauth-authorization-server"));
        }
        return out;
    }

    private static AuthorizationServerMetadata fromDocument(URI issuer, Map<String, Object> doc,
            OAuthHttpConfig http) {
        Builder b = builder(issuer);
        try {
            b.tokenEndpoint(uri(doc, "token_endpoint"));
            b.authorizationEndpoint(uri(doc, "authorization_endpoint"));
            b.revocationEndpoint(uri(doc, "revocation_endpoint"));
            b.registrationEndpoint(uri(doc, "registration_endpoint"));
            b.jwksUri(uri(doc, "jwks_uri"));
        } catch (IllegalArgumentException e) {
            throw OAuthClientException.of(Category.DISCOVERY,
                    "discovery document has an endpoint that is not a URL", e);
        }
        if (doc.get("code_challenge_methods_supported") instanceof List<?> methods) {
            methods.forEach(m -> b.codeChallengeMethods.add(String.valueOf(m)));
        }
        b.issParameterSupported(Boolean.TRUE.equals(
                doc.get("authorization_response_iss_parameter_supported")));
        if (b.tokenEndpoint == null) {
            throw OAuthClientException.of(Category.DISCOVERY,
                    "discovery document has no token_endpoint");
        }
        return b.build(http);
    }

    private static URI uri(Map<String, Object> doc, String name) {
        return doc.get(name) instanceof String s ? URI.create(s) : null;
    }

    /**
     * Starts metadata set by hand, for servers without discovery.
     *
     * @param issuer the issuer identifier
     * @return a builder
     */
    public static Builder builder(URI issuer) {
        return new Builder(Objects.requireNonNull(issuer, "issuer"));
    }

    /**
     * Returns the issuer identifier.
     *
     * @return the issuer, never null
     */
    public URI issuer() {
        return issuer;
    }

    /**
     * Returns the token endpoint (RFC 6749 §3.2).
     *
     * @return the endpoint, never null
     */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /**
     * Returns the authorization endpoint (RFC 6749 §3.1).
     *
     * @return the endpoint, or empty for servers that only issue tokens to services
     */
    public Optional<URI> authorizationEndpoint() {
        return Optional.ofNullable(authorizationEndpoint);
    }

    /**
     * Returns the token revocation endpoint (RFC 7009).
     *
     * @return the endpoint, or empty when the server does not advertise one
     */
    public Optional<URI> revocationEndpoint() {
        return Optional.ofNullable(revocationEndpoint);
    }

    /**
     * Returns the dynamic client registration endpoint (RFC 7591).
     *
     * @return the endpoint, or empty when the server does not advertise one
     */
    public Optional<URI> registrationEndpoint() {
        return Optional.ofNullable(registrationEndpoint);
    }

    /**
     * Returns the URL of the server's signing keys, used to check ID tokens.
     *
     * @return the JWKS URL, or empty
     */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /**
     * Returns the PKCE methods the server advertises ({@code code_challenge_methods_supported}).
     *
     * @return the methods, empty when the server does not say
     */
    public List<String> codeChallengeMethods() {
        return codeChallengeMethods;
    }

    /**
     * Tells whether the server promises an {@code iss} parameter on authorization responses
     * (RFC 9207); when it does, a callback without one is refused.
     *
     * @return true when {@code authorization_response_iss_parameter_supported} is true
     */
    public boolean isIssParameterSupported() {
        return issParameterSupported;
    }

    @Override
    public String toString() {
        return "AuthorizationServerMetadata[issuer=" + issuer + ", tokenEndpoint="
                + tokenEndpoint + "]";
    }

    /**
     * Builds {@link AuthorizationServerMetadata} by hand; not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final URI issuer;
        private URI tokenEndpoint;
        private URI authorizationEndpoint;
        private URI revocationEndpoint;
        private URI registrationEndpoint;
        private URI jwksUri;
        private final List<String> codeChallengeMethods = new ArrayList<>();
        private boolean issParameterSupported;

        private Builder(URI issuer) {
            this.issuer = issuer;
        }

        /**
         * Sets the token endpoint (required).
         *
         * @param uri the endpoint
         * @return this builder
         */
        public Builder tokenEndpoint(URI uri) {
            this.tokenEndpoint = uri;
            return this;
        }

        /**
         * Sets the authorization endpoint, needed for the authorization-code grant.
         *
         * @param uri the endpoint, or null
         * @return this builder
         */
        public Builder authorizationEndpoint(URI uri) {
            this.authorizationEndpoint = uri;
            return this;
        }

        /**
         * Sets the revocation endpoint.
         *
         * @param uri the endpoint, or null
         * @return this builder
         */
        public Builder revocationEndpoint(URI uri) {
            this.revocationEndpoint = uri;
            return this;
        }

        /**
         * Sets the registration endpoint.
         *
         * @param uri the endpoint, or null
         * @return this builder
         */
        public Builder registrationEndpoint(URI uri) {
            this.registrationEndpoint = uri;
            return this;
        }

        /**
         * Sets the JWKS URL.
         *
         * @param uri the URL, or null
         * @return this builder
         */
        public Builder jwksUri(URI uri) {
            this.jwksUri = uri;
            return this;
        }

        /**
         * Sets the PKCE methods the server supports.
         *
         * @param methods for example {@code S256}; empty when unknown
         * @return this builder
         */
        public Builder codeChallengeMethods(List<String> methods) {
            codeChallengeMethods.clear();
            codeChallengeMethods.addAll(methods);
            return this;
        }

        /**
         * Sets whether callbacks always carry {@code iss} (RFC 9207).
         *
         * @param supported true when the server promises it
         * @return this builder
         */
        public Builder issParameterSupported(boolean supported) {
            this.issParameterSupported = supported;
            return this;
        }

        /**
         * Checks every endpoint and builds the metadata.
         *
         * @param http the settings the endpoints are checked against (https required or not)
         * @return the metadata
         * @throws IllegalArgumentException naming every missing or non-https endpoint
         */
        public AuthorizationServerMetadata build(OAuthHttpConfig http) {
            List<String> problems = new ArrayList<>();
            check("issuer", issuer, true, http, problems);
            check("tokenEndpoint", tokenEndpoint, true, http, problems);
            check("authorizationEndpoint", authorizationEndpoint, false, http, problems);
            check("revocationEndpoint", revocationEndpoint, false, http, problems);
            check("registrationEndpoint", registrationEndpoint, false, http, problems);
            check("jwksUri", jwksUri, false, http, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid AuthorizationServerMetadata: "
                        + String.join("; ", problems));
            }
            return new AuthorizationServerMetadata(this);
        }

        private static void check(String name, URI uri, boolean required, OAuthHttpConfig http,
                List<String> problems) {
            if (uri == null) {
                if (required) {
                    problems.add(name + " is missing");
                }
                return;
            }
            try {
                OAuthHttpConfig.checkEndpoint(name, uri, http);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
    }
}
