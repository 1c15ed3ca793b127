package io.fhirguard.ratelimit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the hop lists of {@code Forwarded} (RFC 7239 §4) and {@code X-Forwarded-For}, leftmost
 * (the original client, as claimed) first. A hop that is not an IP literal (an obfuscated
 * identifier, {@code unknown}, a host name, garbage) is kept as the empty string, so the caller
 * can stop at it.
 */
public final class ForwardedHops {
    private ForwardedHops() {
    }

    /** The {@code for=} values of every element of every {@code Forwarded} header value. */
    public static List<String> fromForwarded(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : value.split(",", -1)) {
                hops.add(forParameter(element));
            }
        }
        return hops;
    }

    /** The comma-separated entries of every {@code X-Forwarded-For} header value. */
    public static List<String> fromXForwardedFor(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String entry : value.split(",", -1)) {
                hops.add(normalize(entry.trim()));
            }
        }
        return hops;
    }

    private static String forParameter(String element) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return normalize(v);
            }
        }
        return "";
    }

    // Strips the port and IPv6 brackets: "[2001:db8::1]:4711" -> "2001:db8::1",
    // "192.0.2.1:8080" -> "192.0.2.1". Anything that is no IP literal becomes "".
    private static String normalize(String hop) {
        String h = hop;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return "";
            }
            h = h.substring(1, close);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':'));
        }
        return IpRange.parseAddress(h).map(a -> a.getHostAddress()).orElse("");
    }
}
