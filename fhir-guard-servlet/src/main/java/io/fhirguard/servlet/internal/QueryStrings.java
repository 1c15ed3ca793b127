package io.fhirguard.servlet.internal;

import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes parameter lists as query strings, and reads single parameters out of raw query
 * strings for the few places that need them before the real parser runs ({@code _format} for
 * choosing a refusal's format, {@code access_token} for spotting a second credential). Neither
 * use makes a security decision from the decoded value.
 */
public final class QueryStrings {
    private QueryStrings() {
    }

    /**
     * Encodes parameters as {@code name=value&...}, percent-encoding every character outside
     * RFC 3986's unreserved set and the FHIR-significant {@code , | : / $ @ ! * ' ( ) ;}.
     *
     * @param parameters the decoded parameters, in order
     * @return the query string, empty for no parameters
     */
    public static String encode(QueryParameters parameters) {
        StringBuilder s = new StringBuilder();
        for (QueryParameter p : parameters) {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(encodeComponent(p.name())).append('=').append(encodeComponent(p.value()));
        }
        return s.toString();
    }

    /**
     * Groups parameters by name, as {@code ServletRequest#getParameterMap()} does.
     *
     * @param parameters the parameters
     * @return an ordered map from name to values
     */
    public static Map<String, String[]> toMap(QueryParameters parameters) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (QueryParameter p : parameters) {
            grouped.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value());
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        grouped.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    /**
     * Returns the values of one parameter in a raw query or form body, decoded leniently
     * ({@code +} is a space; a malformed escape stays as it is).
     *
     * @param raw the raw {@code a=b&c=d} text, or {@code null}
     * @param name the parameter name
     * @return the values, possibly none
     */
    public static List<String> values(String raw, String name) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String n = decodeLenient(eq < 0 ? pair : pair.substring(0, eq));
            if (n.equals(name)) {
                out.add(eq < 0 ? "" : decodeLenient(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    static String encodeComponent(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isKept(c)) {
                s.append((char) c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return s.toString();
    }

    private static boolean isKept(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~,|:/$@!*'();".indexOf(c) >= 0;
    }

    static String decodeLenient(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+') {
                out.write(' ');
                i++;
            } else if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16
                        + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
