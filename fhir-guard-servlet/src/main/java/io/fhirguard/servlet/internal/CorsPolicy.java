package io.fhirguard.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for browser apps (SMART apps run in browsers): answers preflights from configured
 * origins and marks responses to them. Origins are compared exactly after lower-casing scheme
 * and host; no credentials mode is offered because bearer tokens travel in a header, not a
 * cookie.
 */
public final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Prefer, "
            + "If-Match, If-None-Match, If-Modified-Since, If-None-Exist, X-Request-Id";
    static final String EXPOSED_HEADERS = "Location, Content-Location, ETag, Last-Modified, "
            + "WWW-Authenticate, Retry-After, RateLimit-Limit, RateLimit-Remaining, X-Request-Id";

    /** What a preflight check found. */
    public enum Preflight {
        /** Not a preflight: carry on with the request. */
        NONE,
        /** A preflight from an allowed origin: answered, stop here. */
        ANSWERED,
        /** A preflight from an origin that is not allowed: refuse it. */
        REFUSED
    }

    private final Set<String> origins;
    private final boolean anyOrigin;
    private final String maxAge;

    /**
     * Creates the policy.
     *
     * @param origins the allowed origins, or {@code *} alone; empty turns CORS off
     * @param maxAge how long a browser may cache a preflight answer
     */
    public CorsPolicy(List<String> origins, Duration maxAge) {
        this.anyOrigin = origins.contains("*");
        this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.maxAge = Long.toString(maxAge.toSeconds());
    }

    /**
     * Handles a preflight ({@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}), and marks any other response to an allowed
     * origin.
     *
     * @param request the request
     * @param response the response, not yet committed
     * @return what the caller should do next
     */
    public Preflight apply(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod()) && origin != null
                && request.getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            return Preflight.NONE;
        }
        response.addHeader("Vary", "Origin");
        if (!isAllowed(origin)) {
            return preflight ? Preflight.REFUSED : Preflight.NONE;
        }
        response.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!preflight) {
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            return Preflight.NONE;
        }
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", maxAge);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return Preflight.ANSWERED;
    }

    /**
     * Tells whether an origin is allowed.
     *
     * @param origin the {@code Origin} header value
     * @return true when configured (or {@code *} is)
     */
    public boolean isAllowed(String origin) {
        return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
