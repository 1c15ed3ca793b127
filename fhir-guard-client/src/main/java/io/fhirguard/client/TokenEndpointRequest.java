package io.fhirguard.client;

import java.net.URI;

/**
 * One request to a token, revocation or registration endpoint, as a
 * {@link ClientAuthentication} sees it while adding credentials.
 *
 * <p>Created by fhir-guard for each call and used from one thread only.
 *
 * @since 1.0
 */
public interface TokenEndpointRequest {

    /**
     * Returns the URL the request goes to.
     *
     * @return the endpoint
     */
    URI endpoint();

    /**
     * Returns the authorization server's issuer identifier.
     *
     * @return the issuer
     */
    URI issuer();

    /**
     * Sets a form parameter of the request body, replacing an earlier value.
     *
     * @param name the parameter name
     * @param value the value, sent form-encoded
     */
    void setParameter(String name, String value);

    /**
     * Sets an HTTP header, replacing an earlier value.
     *
     * @param name the header name
     * @param value the header value
     */
    void setHeader(String name, String value);
}
