package io.fhirguard.client.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** {@code application/x-www-form-urlencoded} encoding and decoding. */
public final class Forms {
    private Forms() {
    }

    /** Encodes one value (space becomes {@code +}, as the form encoding requires). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Encodes name/value pairs in their iteration order. */
    public static String encode(Map<String, String> form) {
        StringJoiner joiner = new StringJoiner("&");
        form.forEach((name, value) -> joiner.add(encode(name) + "=" + encode(value)));
        return joiner.toString();
    }

    /**
     * Decodes a query string; a repeated name is refused because callback parameters such as
     * {@code state} and {@code code} must be unambiguous.
     */
    public static Map<String, String> decode(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                    StandardCharsets.UTF_8);
            if (out.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is repeated");
            }
        }
        return out;
    }
}
