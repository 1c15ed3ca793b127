package io.fhirguard.request.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code Content-Type} header: the media type and whether its charset is UTF-8. */
final class MediaTypes {
    static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> JSON =
            Set.of("application/fhir+json", "application/json", "application/json+fhir");
    private static final Set<String> XML = Set.of("application/fhir+xml", "application/xml",
            "application/xml+fhir", "text/xml");

    /** The FHIR serializations a Bundle may come in. */
    enum Format {
        JSON,
        XML
    }

    private MediaTypes() {
    }

    /**
     * Returns the lower-case media type without parameters, when the header has a UTF-8 charset
     * or none; empty for a missing header or another charset.
     */
    static Optional<String> utf8MediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && (param.length < 2
                    || !unquote(param[1].trim()).equalsIgnoreCase("utf-8"))) {
                return Optional.empty();
            }
        }
        return Optional.of(parts[0].trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether a header names a form body as HAPI FHIR tests it (a prefix match), in any
     * case and with any parameters.
     */
    static boolean isForm(String contentType) {
        return contentType != null
                && contentType.trim().toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    /** Returns the FHIR format of a Bundle body with this header, if it is one. */
    static Optional<Format> bundleFormat(String contentType) {
        return utf8MediaType(contentType).flatMap(type -> JSON.contains(type)
                ? Optional.of(Format.JSON)
                : XML.contains(type) ? Optional.of(Format.XML) : Optional.empty());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
