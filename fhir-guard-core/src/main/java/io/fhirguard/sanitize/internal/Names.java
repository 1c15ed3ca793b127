package io.fhirguard.sanitize.internal;

/** Helpers for parameter names that end up in client-visible text. */
final class Names {
    private static final int SHOWN = 64;

    private Names() {
    }

    /**
     * Renders a name for a location or description: characters outside FHIR's name alphabet
     * become {@code ?} and long names are cut, so a hostile name cannot inject line breaks or
     * markup into an OperationOutcome, a log line or an audit record.
     */
    static String safe(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), SHOWN + 3));
        for (int i = 0; i < name.length() && i < SHOWN; i++) {
            char c = name.charAt(i);
            sb.append(isNameChar(c) || c == ':' || c == '.' || c == '$' ? c : '?');
        }
        if (name.length() > SHOWN) {
            sb.append("...");
        }
        return sb.toString();
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
    }

    /** A parameter code, resource type or modifier: letters, digits, '-' and '_' only. */
    static boolean isCode(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
