package io.fhirguard.client.internal;

import ca.uhn.fhir.rest.client.api.IHttpRequest;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.params.ClientPNames;

/**
 * Stops HAPI's default (Apache HttpClient 4) transport from following a redirect with a bearer
 * token attached: that client copies every header of the original request, the
 * {@code Authorization} header included, onto the redirected one, whatever its host. Not API.
 */
public final class RedirectGuard {
    private RedirectGuard() {
    }

    /**
     * Turns redirect handling off for this one request when it is sent by Apache HttpClient;
     * other transports are left alone. The redirect response then reaches the caller as it is.
     *
     * @param request the outgoing request
     */
    // The per-request parameter is deprecated, but unlike a per-request RequestConfig it is
    // merged with the client's own defaults, so timeouts and the proxy still apply.
    @SuppressWarnings("deprecation")
    public static void disableRedirects(IHttpRequest request) {
        if (request instanceof ca.uhn.fhir.rest.client.apache.ApacheHttpRequest apache) {
            HttpRequestBase base = apache.getApacheRequest();
            base.getParams().setBooleanParameter(ClientPNames.HANDLE_REDIRECTS, false);
        }
    }
}
