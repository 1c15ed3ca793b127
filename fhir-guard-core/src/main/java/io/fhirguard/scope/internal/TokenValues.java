package io.fhirguard.scope.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits and parses FHIR token search values ({@code code}, {@code system|code}). */
public final class TokenValues {
    private TokenValues() {
    }

    /**
     * One token: an optional system and a code.
     *
     * @param system the system, or null when not given
     * @param code the code, never empty
     */
    public record Token(String system, String code) {
        /**
         * Tells whether a request value {@code other} asks for nothing outside this token.
         *
         * @param other a token from a request
         * @return true when the codes match and the systems do not conflict
         */
        public boolean covers(Token other) {
            return code.equals(other.code)
                    && (system == null || system.equals(other.system));
        }

        /**
         * Tells whether a coding matches this token.
         *
         * @param codingSystem the coding's system, or null
         * @param codingCode the coding's code, or null
         * @return true on a match
         */
        public boolean matches(String codingSystem, String codingCode) {
            return code.equals(codingCode) && (system == null || system.equals(codingSystem));
        }
    }

    /**
     * Splits a value on commas that are not escaped with a backslash (FHIR search OR lists).
     *
     * @param value the value
     * @return the alternatives, unescaped
     */
    public static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                cur.append(value.charAt(++i));
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /**
     * Parses {@code code} or {@code system|code}.
     *
     * @param alternative one alternative of a token value
     * @return the token, or empty when the system or code is empty or more than one bar is
     *     present
     */
    public static Optional<Token> parse(String alternative) {
        int bar = alternative.indexOf('|');
        if (bar < 0) {
            return alternative.isEmpty() ? Optional.empty()
                    : Optional.of(new Token(null, alternative));
        }
        String system = alternative.substring(0, bar);
        String code = alternative.substring(bar + 1);
        // "|code" means "code without a system" in FHIR; matching it is not supported, so it is
        // refused rather than read as "any system", which would be wider.
        if (system.isEmpty() || code.isEmpty() || code.indexOf('|') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Token(system, code));
    }
}
