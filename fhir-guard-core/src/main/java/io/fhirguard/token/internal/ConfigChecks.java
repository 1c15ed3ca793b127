package io.fhirguard.token.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Shared checks for the token configuration builders. Not API. */
public final class ConfigChecks {
    private static final List<String> HS = List.of("HS256", "HS384", "HS512");
    private static final List<String> KNOWN = List.of("RS256", "RS384", "RS512", "PS256",
            "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512");

    private ConfigChecks() {
    }

    /**
     * Checks an algorithm list against the known JWS algorithms and the HMAC secret.
     *
     * @param algorithms the configured algorithms
     * @param hmacSecret the secret, or null
     * @param problems where problems are added
     */
    public static void checkAlgorithms(List<String> algorithms, byte[] hmacSecret,
            List<String> problems) {
        if (algorithms.isEmpty()) {
            problems.add("algorithms: at least one algorithm is required");
        }
        for (String alg : algorithms) {
            if (alg == null || alg.toLowerCase(Locale.ROOT).equals("none")) {
                problems.add("algorithms: 'none' is never allowed");
            } else if (!KNOWN.contains(alg)) {
                problems.add("algorithms: '" + alg + "' is not one of " + KNOWN);
            } else if (HS.contains(alg)) {
                int needed = Integer.parseInt(alg.substring(2)) / 8;
                if (hmacSecret == null) {
                    problems.add("algorithms: " + alg + " needs hmacSecret");
                } else if (hmacSecret.length < needed) {
                    problems.add("hmacSecret: " + alg + " needs at least " + needed
                            + " bytes, got " + hmacSecret.length);
                }
            }
        }
        if (hmacSecret != null && algorithms.stream().noneMatch(HS::contains)) {
            problems.add("hmacSecret: set, but no HS256/HS384/HS512 algorithm is allowed");
        }
        if (hmacSecret != null && hmacSecret.length < 32) {
            problems.add("hmacSecret: must be at least 32 bytes (256 bits), got "
                    + hmacSecret.length);
        }
    }

    /**
     * Checks that a URI is absolute HTTPS, or HTTP to a loopback host, or HTTP allowed.
     *
     * @param name the setting name
     * @param uri the URI, or null when unparseable
     * @param insecureAllowed whether plain HTTP was explicitly allowed
     * @param problems where problems are added
     */
    public static void checkUri(String name, URI uri, boolean insecureAllowed,
            List<String> problems) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            problems.add(name + ": must be an absolute http(s) URI with a host");
            return;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            problems.add(name + ": scheme '" + scheme + "' is not https");
        } else if (!isLoopback(uri.getHost()) && !insecureAllowed) {
            problems.add(name + ": " + uri + " is plain http to a non-loopback host; use https"
                    + " or allowInsecureHttp(true)");
        }
    }

    /**
     * Parses a URI, or returns null.
     *
     * @param text the text
     * @return the URI or null
     */
    public static URI toUri(String text) {
        try {
            return new URI(text);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Tells whether a role-claim path can appear in a refusal description (RFC 6750 §3
     * characters, no space).
     *
     * @param path the configured path
     * @return true when usable
     */
    public static boolean isClaimPath(String path) {
        return path.matches("[!#-\\[\\]-~]+");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("[::1]") || h.equals("::1");
    }

    /**
     * Adds a problem when a number lies outside a range.
     *
     * @param name setting name
     * @param value the value
     * @param min least allowed
     * @param max largest allowed
     * @param problems where problems are added
     */
    public static void range(String name, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(name + ": " + value + " is outside " + min + ".." + max);
        }
    }

    /**
     * Adds a problem when a duration is not positive.
     *
     * @param name setting name
     * @param value the value
     * @param problems where problems are added
     */
    public static void positive(String name, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + ": " + value + " must be positive");
        }
    }

    /**
     * Throws when problems were found.
     *
     * @param what the configuration being built
     * @param problems the problems
     */
    public static void throwIfAny(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + " is invalid: " + String.join("; ",
                    problems));
        }
    }
}
