package io.fhirguard.examples.auth;

import io.fhirguard.client.OAuthHttpConfig;
import java.net.URI;

/**
 * Chooses the fhir-guard-client HTTP settings for an authorization server: HTTPS is required
 * unless the server is on this machine's loopback address, as the embedded one is.
 *
 * @since 1.0
 */
public final class LoopbackHttp {
    private LoopbackHttp() {
    }

    /**
     * Returns the client's defaults, with plain HTTP allowed only for a loopback issuer
     * ({@code 127.0.0.1}, {@code ::1} or {@code localhost}).
     *
     * @param issuer the authorization server's issuer URL
     * @return the HTTP settings
     */
    public static OAuthHttpConfig forIssuer(URI issuer) {
        String host = issuer.getHost() == null ? "" : issuer.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1");
        return OAuthHttpConfig.builder().requireHttps(!loopback).build();
    }
}
