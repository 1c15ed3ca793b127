package io.fhirguard.request.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares absolute URLs with the server's own base URLs. Public only so that
 * {@code RequestParserConfig} normalizes bases the same way; not API.
 */
public final class BaseUrls {
    private static final Pattern ABSOLUTE =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*):(.*)", Pattern.DOTALL);
    private static final Pattern HIERARCHICAL =
            Pattern.compile("//([^/?#]*)(.*)", Pattern.DOTALL);
    private static final Pattern HOST_PORT =
            Pattern.compile("(\\[[^\\]]*\\]|[^:]*)(?::(\\d{1,5}))?");

    private BaseUrls() {
    }

    /**
     * Returns {@code scheme://host[:port]} with scheme and host in lower case and the scheme's
     * default port dropped.
     *
     * @param scheme {@code http} or {@code https}
     * @param host the host name or bracketed IPv6 literal
     * @param port the port, or -1 for none
     * @return the normalized origin
     */
    public static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || s.equals("http") && port == 80
                || s.equals("https") && port == 443;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Tells whether {@code url} starts with a scheme ({@code https:}, {@code urn:}). */
    static boolean isAbsolute(String url) {
        return ABSOLUTE.matcher(url).matches();
    }

    /**
     * Returns the part of an absolute URL after one of the normalized bases and its
     * {@code /}, for example {@code Patient/1?x=y}; empty when the URL is under none of them
     * (another host or port, user info, another scheme, another path).
     */
    static Optional<String> relativize(String url, List<String> bases) {
        Matcher absolute = ABSOLUTE.matcher(url);
        if (!absolute.matches()) {
            return Optional.empty();
        }
        Matcher rest = HIERARCHICAL.matcher(absolute.group(2));
        if (!rest.matches()) {
            return Optional.empty();
        }
        Matcher hostPort = HOST_PORT.matcher(rest.group(1));
        if (!hostPort.matches() || hostPort.group(1).isEmpty()) {
            return Optional.empty();
        }
        int port = hostPort.group(2) == null ? -1 : Integer.parseInt(hostPort.group(2));
        String normalized = origin(absolute.group(1), hostPort.group(1), port) + rest.group(2);

        for (String base : bases) {
            if (normalized.equals(base)) {
                return Optional.of("");
            }
            if (normalized.startsWith(base + "/")) {
                return Optional.of(normalized.substring(base.length() + 1));
            }
            if (normalized.startsWith(base + "?")) {
                return Optional.of(normalized.substring(base.length()));
            }
        }
        return Optional.empty();
    }
}
