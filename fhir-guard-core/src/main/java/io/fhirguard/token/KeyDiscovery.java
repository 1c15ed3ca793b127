package io.fhirguard.token;

/**
 * Which well-known metadata document names an issuer's {@code jwks_uri}.
 *
 * @since 1.0
 */
public enum KeyDiscovery {
    /** SMART App Launch 2.x: {@code {issuer}/.well-known/smart-configuration}. */
    SMART_CONFIGURATION("/.well-known/smart-configuration"),
    /** OpenID Connect Discovery 1.0 §4: {@code {issuer}/.well-known/openid-configuration}. */
    OPENID_CONFIGURATION("/.well-known/openid-configuration");

    private final String path;

    KeyDiscovery(String path) {
        this.path = path;
    }

    /**
     * Returns the path appended to the issuer to find the document.
     *
     * @return the path, starting with {@code /}
     */
    public String path() {
        return path;
    }
}
