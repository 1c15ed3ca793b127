package io.fhirguard.servlet.internal;

import io.fhirguard.servlet.FhirGuardSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a whole {@link FhirGuardSettings} and lists every problem, each naming the setting,
 * the rejected value and what is allowed.
 */
public final class SettingsValidator {
    private static final long MIN_BUFFER = 1024;
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);
    private static final Duration MAX_PERIOD = Duration.ofDays(1);

    private SettingsValidator() {
    }

    /**
     * Checks the settings.
     *
     * @param s the settings
     * @return the problems; empty when the settings are valid
     */
    public static List<String> validate(FhirGuardSettings s) {
        List<String> problems = new ArrayList<>();
        s.issuer().ifPresent(i -> checkHttpUrl(problems, "issuer", i));
        s.audience().forEach(a -> {
            if (a.isBlank()) {
                problems.add("audience: an entry is blank; give one or more non-blank values");
            }
        });
        s.jwksUri().ifPresent(u -> checkHttpUrl(problems, "jwksUri", u.toString()));
        if (s.clockSkew().isNegative() || s.clockSkew().compareTo(MAX_SKEW) > 0) {
            problems.add("clockSkew: " + s.clockSkew() + " is outside 0 to 300 seconds");
        }
        checkRealm(problems, s.realm());
        checkPaths(problems, "publicPaths", s.publicPaths());
        checkOrigins(problems, s.corsAllowedOrigins());
        checkNotNegative(problems, "corsMaxAge", s.corsMaxAge());
        checkNotNegative(problems, "hstsMaxAge", s.hstsMaxAge());
        checkSize(problems, "maxRequestBodyBytes", s.maxRequestBodyBytes());
        checkSize(problems, "maxResponseBufferBytes", s.maxResponseBufferBytes());
        s.trustedProxies().forEach(p -> checkProxy(problems, p));
        checkLimit(problems, "clientRateLimit", s.clientRateLimit(), s.clientRateLimitPeriod());
        checkLimit(problems, "unauthenticatedRateLimit", s.unauthenticatedRateLimit(),
                s.unauthenticatedRateLimitPeriod());
        // A discovery URI derived from the issuer was already judged with the issuer.
        checkOptionalUrl(problems, "smartDiscoveryUri", s.smartDiscoveryUri().filter(
                u -> s.issuer().map(i -> !u.toString().startsWith(i)).orElse(true)));
        checkOptionalUrl(problems, "smartAuthorizationEndpoint", s.smartAuthorizationEndpoint());
        checkOptionalUrl(problems, "smartTokenEndpoint", s.smartTokenEndpoint());
        checkRevocation(problems, s);
        if (s.outageRetryAfter().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("outageRetryAfter: " + s.outageRetryAfter()
                    + " is shorter than one second");
        }
        return problems;
    }

    private static void checkHttpUrl(List<String> problems, String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            problems.add(name + ": '" + value + "' is not a URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https")
                || scheme.equals("http") && isLoopback(uri.getHost()))) {
            problems.add(name + ": '" + value
                    + "' must be an https URL (http is allowed for loopback hosts only)");
        }
    }

    private static void checkOptionalUrl(List<String> problems, String name,
            Optional<URI> value) {
        value.ifPresent(u -> checkHttpUrl(problems, name, u.toString()));
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1");
    }

    private static void checkRealm(List<String> problems, String realm) {
        boolean ok = realm != null && !realm.isEmpty()
                && realm.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\');
        if (!ok) {
            problems.add("realm: '" + realm
                    + "' must be non-empty printable ASCII without '\"' or '\\'");
        }
    }

    private static void checkPaths(List<String> problems, String name, List<String> paths) {
        for (String p : paths) {
            if (p.isEmpty() || p.startsWith("/") || p.contains("?") || p.contains("//")) {
                problems.add(name + ": '" + p
                        + "' must be a base-relative path without a leading '/' or a query");
            }
        }
    }

    private static void checkOrigins(List<String> problems, List<String> origins) {
        if (origins.contains("*") && origins.size() > 1) {
            problems.add("corsAllowedOrigins: '*' must be the only entry when used");
        }
        for (String o : origins) {
            if (o.equals("*")) {
                continue;
            }
            try {
                URI u = new URI(o);
                boolean ok = u.getScheme() != null && u.getHost() != null
                        && (u.getPath() == null || u.getPath().isEmpty()) && u.getQuery() == null;
                if (!ok) {
                    problems.add("corsAllowedOrigins: '" + o
                            + "' must be scheme://host[:port] with no path");
                }
            } catch (java.net.URISyntaxException e) {
                problems.add("corsAllowedOrigins: '" + o + "' is not an origin");
            }
        }
    }

    private static void checkNotNegative(List<String> problems, String name, Duration d) {
        if (d.isNegative()) {
            problems.add(name + ": " + d + " must not be negative");
        }
    }

    private static void checkSize(List<String> problems, String name, long bytes) {
        if (bytes < MIN_BUFFER) {
            problems.add(name + ": " + bytes + " bytes is below the minimum of 1024");
        }
    }

    private static void checkProxy(List<String> problems, String proxy) {
        if (!proxy.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) {
            problems.add("trustedProxies: '" + proxy + "' is not an IP address or CIDR range");
        }
    }

    private static void checkLimit(List<String> problems, String name, int requests,
            Duration period) {
        if (requests < 1) {
            problems.add(name + ": " + requests + " must be at least 1");
        }
        if (period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
            problems.add(name + "Period: " + period + " must be positive and at most one day");
        }
    }

    private static void checkRevocation(List<String> problems, FhirGuardSettings s) {
        if (s.revocationEndpointEnabled() && s.revocationAdminScope().isEmpty()) {
            problems.add("revocationAdminScope: required when revocationEndpointEnabled is true");
        }
        s.revocationAdminScope().ifPresent(scope -> {
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                problems.add("revocationAdminScope: '" + scope
                        + "' must be one scope token (RFC 6749 section 3.3 characters)");
            }
        });
        checkPaths(problems, "revocationPath", List.of(s.revocationPath()));
        if (s.publicPaths().contains(s.revocationPath())) {
            problems.add("revocationPath: '" + s.revocationPath()
                    + "' must not also be a public path");
        }
    }
}
