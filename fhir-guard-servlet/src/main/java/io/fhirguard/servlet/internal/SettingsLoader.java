package io.fhirguard.servlet.internal;

import io.fhirguard.servlet.FhirGuardSettings;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Reads {@link FhirGuardSettings} from name/value sources: init parameters, system properties
 * and environment variables, in that order of precedence. The names of each setting are
 * derived from one camel-case name, so the three sources can never drift apart.
 */
public final class SettingsLoader {
    /** The prefix of system properties. */
    public static final String PROPERTY_PREFIX = "fhirguard.";
    /** The prefix of environment variables. */
    public static final String ENVIRONMENT_PREFIX = "FHIRGUARD_";

    private static final Map<String, BiConsumer<FhirGuardSettings.Builder, String>> SETTINGS =
            table();

    private SettingsLoader() {
    }

    /**
     * Returns every setting's camel-case name, in documentation order.
     *
     * @return the names
     */
    public static List<String> names() {
        return List.copyOf(SETTINGS.keySet());
    }

    /**
     * Derives the system property name.
     *
     * @param name the camel-case name
     * @return for example {@code fhirguard.jwksUri}
     */
    public static String propertyName(String name) {
        return PROPERTY_PREFIX + name;
    }

    /**
     * Derives the environment variable name.
     *
     * @param name the camel-case name
     * @return for example {@code FHIRGUARD_JWKS_URI}
     */
    public static String environmentName(String name) {
        StringBuilder s = new StringBuilder(ENVIRONMENT_PREFIX);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                s.append('_');
            }
            s.append(Character.toUpperCase(c));
        }
        return s.toString();
    }

    /**
     * Reads every setting that is present in one of the sources.
     *
     * @param initParameters init-parameter lookup (camel-case names), {@code null} when unset
     * @param properties system-property lookup, {@code null} when unset
     * @param environment environment lookup, {@code null} when unset
     * @return a builder with the values found and defaults elsewhere
     * @throws IllegalArgumentException listing every value that cannot be parsed
     */
    public static FhirGuardSettings.Builder load(UnaryOperator<String> initParameters,
            UnaryOperator<String> properties, UnaryOperator<String> environment) {
        FhirGuardSettings.Builder builder = FhirGuardSettings.builder();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, BiConsumer<FhirGuardSettings.Builder, String>> setting
                : SETTINGS.entrySet()) {
            String name = setting.getKey();
            String source = initParameters.apply(name) != null ? "init parameter " + name
                    : properties.apply(propertyName(name)) != null ? propertyName(name)
                    : environmentName(name);
            String value = firstPresent(initParameters.apply(name),
                    properties.apply(propertyName(name)), environment.apply(environmentName(name)));
            if (value == null) {
                continue;
            }
            try {
                setting.getValue().accept(builder, value.trim());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problems.add(source + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid fhir-guard settings (" + problems.size()
                    + "): " + String.join("; ", problems));
        }
        return builder;
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static Map<String, BiConsumer<FhirGuardSettings.Builder, String>> table() {
        Map<String, BiConsumer<FhirGuardSettings.Builder, String>> t = new LinkedHashMap<>();
        t.put("issuer", (b, v) -> b.issuer(v));
        t.put("audience", (b, v) -> b.audience(list(v)));
        t.put("jwksUri", (b, v) -> b.jwksUri(uri(v)));
        t.put("clockSkew", (b, v) -> b.clockSkew(duration(v)));
        t.put("realm", (b, v) -> b.realm(v));
        t.put("publicPaths", (b, v) -> b.publicPaths(list(v)));
        t.put("corsAllowedOrigins", (b, v) -> b.corsAllowedOrigins(list(v)));
        t.put("corsMaxAge", (b, v) -> b.corsMaxAge(duration(v)));
        t.put("hstsMaxAge", (b, v) -> b.hstsMaxAge(duration(v)));
        t.put("maxRequestBodyBytes", (b, v) -> b.maxRequestBodyBytes(bytes(v)));
        t.put("maxResponseBufferBytes", (b, v) -> b.maxResponseBufferBytes(bytes(v)));
        t.put("trustedProxies", (b, v) -> b.trustedProxies(list(v)));
        t.put("clientRateLimit", (b, v) -> b.clientRateLimit(integer(v)));
        t.put("clientRateLimitPeriod", (b, v) -> b.clientRateLimitPeriod(duration(v)));
        t.put("unauthenticatedRateLimit", (b, v) -> b.unauthenticatedRateLimit(integer(v)));
        t.put("unauthenticatedRateLimitPeriod",
                (b, v) -> b.unauthenticatedRateLimitPeriod(duration(v)));
        t.put("lenientParameters", (b, v) -> b.lenientParameters(bool(v)));
        t.put("smartDiscoveryUri", (b, v) -> b.smartDiscoveryUri(uri(v)));
        t.put("smartAuthorizationEndpoint", (b, v) -> b.smartAuthorizationEndpoint(uri(v)));
        t.put("smartTokenEndpoint", (b, v) -> b.smartTokenEndpoint(uri(v)));
        t.put("smartCapabilities", (b, v) -> b.smartCapabilities(list(v)));
        t.put("smartScopesSupported", (b, v) -> b.smartScopesSupported(list(v)));
        t.put("smartGrantTypes", (b, v) -> b.smartGrantTypes(list(v)));
        t.put("revocationEndpointEnabled", (b, v) -> b.revocationEndpointEnabled(bool(v)));
        t.put("revocationAdminScope", (b, v) -> b.revocationAdminScope(v));
        t.put("revocationPath", (b, v) -> b.revocationPath(v));
        t.put("outageRetryAfter", (b, v) -> b.outageRetryAfter(duration(v)));
        return t;
    }

    static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static URI uri(String v) {
        try {
            return new URI(v);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + v + "' is not a URI", e);
        }
    }

    static Duration duration(String v) {
        if (v.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v
                    + "' is not a duration; use whole seconds (30) or ISO-8601 (PT30S)", e);
        }
    }

    static long bytes(String v) {
        String t = v.toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        if (t.endsWith("kib")) {
            unit = 1024;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("mib")) {
            unit = 1024 * 1024;
            t = t.substring(0, t.length() - 3);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + v
                    + "' is not a size; use bytes (1048576) or KiB/MiB (1MiB)", e);
        }
    }

    static int integer(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number", e);
        }
    }

    static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("'" + v + "' is not true or false");
    }
}
