package io.fhirguard.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * Sets the security headers every response gets, before anything else happens, so that
 * refusals carry them too.
 */
public final class SecurityHeaders {
    private final String hsts;

    /**
     * Creates the headers.
     *
     * @param hstsMaxAge the HSTS max-age; zero sends no {@code Strict-Transport-Security}
     */
    public SecurityHeaders(Duration hstsMaxAge) {
        this.hsts = hstsMaxAge.isZero() ? null
                : "max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains";
    }

    /**
     * Sets the headers on a response.
     *
     * @param request the request, to know whether it came over TLS
     * @param response the response, not yet committed
     */
    public void apply(HttpServletRequest request, HttpServletResponse response) {
        // RFC 6797 section 7.2: HSTS is sent only over secure transport.
        if (hsts != null && request.isSecure()) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        // FHIR responses carry health data: no shared or browser cache may keep them.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
