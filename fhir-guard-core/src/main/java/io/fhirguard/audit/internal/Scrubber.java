package io.fhirguard.audit.internal;

import java.util.regex.Pattern;

/**
 * Removes credential-looking text from free-text audit fields, as a second line of defence: the
 * event type has no field for a token, but a client can send one in a User-Agent or a query.
 */
public final class Scrubber {
    private static final Pattern JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER =
            Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final int MAX_LENGTH = 512;

    private Scrubber() {
    }

    /** Replaces JWT-shaped and Bearer/Basic credential text and control characters; caps length. */
    public static String scrub(String text) {
        String s = JWT.matcher(text).replaceAll("[redacted]");
        s = BEARER.matcher(s).replaceAll("[redacted]");
        s = s.replaceAll("\\p{Cntrl}", "?");
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
    }
}
