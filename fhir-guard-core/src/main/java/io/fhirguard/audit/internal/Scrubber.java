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
        s = replaceControls(s);
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
    }

    // Same set as the regex class \p{Cntrl} (U+0000 to U+001F and U+007F), without compiling a
    // pattern on every call; returns the input itself when it holds no control character.
    private static String replaceControls(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '?';
            }
        }
        return chars == null ? s : new String(chars);
    }
}
