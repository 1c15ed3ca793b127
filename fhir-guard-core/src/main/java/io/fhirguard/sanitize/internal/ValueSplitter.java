package io.fhirguard.sanitize.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a value on a separator that is not escaped with a backslash (FHIR R4 §3.1.1.5.8:
 * {@code \,} {@code \|} {@code \$} and {@code \\}). Escapes are kept in the parts, so each part
 * can be checked and passed on unchanged.
 */
final class ValueSplitter {
    private ValueSplitter() {
    }

    static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == separator) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** Tells whether every backslash starts one of FHIR's four escapes. */
    static boolean hasOnlyValidEscapes(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\\') {
                if (i + 1 >= value.length() || "\\,|$".indexOf(value.charAt(i + 1)) < 0) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
