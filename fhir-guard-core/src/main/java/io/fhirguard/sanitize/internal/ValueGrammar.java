package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value grammars of the scalar search types: token, number, quantity, uri, id, list and
 * special. Dates are in {@link DateGrammar}, references in {@link ReferenceGrammar}; strings
 * accept any text that passed the control-character check.
 *
 * <p>Token parts are stricter than FHIR's {@code code} type on purpose: a code or system may not
 * hold {@code % ' " < > ; `} or braces. No FHIR code system we know uses them, and refusing them
 * keeps injection text out of token, quantity and reference parameters whatever the server does
 * with the value downstream.
 */
final class ValueGrammar {
    static final String FORBIDDEN_IN_TOKEN = "%'\"<>;`{}";
    // FHIR R4 decimal (§2.24.0.1): no leading '+', no leading zeros; HAPI's own parser reads a
    // leading '+' as an unknown prefix and fails, so it is refused here as well.
    private static final Pattern NUMBER = Pattern.compile("(?:" + DateGrammar.PREFIXES + ")?"
            + "-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern DOTS = Pattern.compile("\\.+");
    private static final Pattern URI_CHARS = Pattern.compile(
            "(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+;=|]|%[0-9A-Fa-f]{2})+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:.+");
    private static final Pattern SPECIAL = Pattern.compile("[A-Za-z0-9.|+\\-_:/ ]+");

    private ValueGrammar() {
    }

    /**
     * Checks one token: {@code code}, {@code system|code}, {@code |code} or {@code system|};
     * with {@code :of-type}, {@code system|code|value}.
     */
    static Optional<Finding> token(String value, int pipes) {
        if (!ValueSplitter.hasOnlyValidEscapes(value)) {
            return bad(Reason.PARAM_INVALID_TOKEN, "The token value holds a backslash that "
                    + "starts none of the escapes \\, \\| \\$ \\\\.");
        }
        List<String> parts = ValueSplitter.split(value, '|');
        if (parts.size() - 1 > pipes) {
            return bad(Reason.PARAM_INVALID_TOKEN, "The token value holds more than " + pipes
                    + " unescaped '|'.");
        }
        if (pipes == 2 && parts.size() != 3) {
            return bad(Reason.PARAM_INVALID_TOKEN,
                    "The of-type token value is not system|code|value.");
        }
        if (parts.stream().allMatch(String::isEmpty)) {
            return bad(Reason.PARAM_INVALID_TOKEN, "The token value has neither system nor code.");
        }
        for (String part : parts) {
            if (!isTokenPart(part)) {
                return bad(Reason.PARAM_INVALID_TOKEN, "The token value holds a character "
                        + "tokens refuse (" + FORBIDDEN_IN_TOKEN + "), or leading, trailing or "
                        + "doubled spaces.");
            }
        }
        return Optional.empty();
    }

    static boolean isTokenPart(String part) {
        if (part.startsWith(" ") || part.endsWith(" ") || part.contains("  ")) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (FORBIDDEN_IN_TOKEN.indexOf(c) >= 0 || (Character.isWhitespace(c) && c != ' ')) {
                return false;
            }
        }
        return true;
    }

    static Optional<Finding> number(String value) {
        return NUMBER.matcher(value).matches() ? Optional.empty()
                : bad(Reason.PARAM_INVALID_NUMBER,
                        "The number value is not [prefix]decimal (prefixes " + prefixes() + ").");
    }

    /** {@code [prefix]number}, or {@code [prefix]number|[system]|code}. */
    static Optional<Finding> quantity(String value) {
        List<String> parts = ValueSplitter.split(value, '|');
        boolean shape = (parts.size() == 1 || parts.size() == 3)
                && NUMBER.matcher(parts.get(0)).matches()
                && ValueSplitter.hasOnlyValidEscapes(value);
        if (shape && parts.size() == 3) {
            shape = !parts.get(2).isEmpty() && isTokenPart(parts.get(1))
                    && isTokenPart(parts.get(2));
        }
        return shape ? Optional.empty() : bad(Reason.PARAM_INVALID_QUANTITY,
                "The quantity value is not [prefix]number[|system|code] (prefixes "
                        + prefixes() + ").");
    }

    /** An absolute URI or URN, with an optional {@code |version} for canonical URLs. */
    static Optional<Finding> uri(String value) {
        boolean ok = URI_CHARS.matcher(value).matches() && SCHEME.matcher(value).matches()
                && value.indexOf('|') == value.lastIndexOf('|');
        return ok ? Optional.empty() : bad(Reason.PARAM_INVALID_URI,
                "The uri value is not an absolute RFC 3986 URI.");
    }

    static Optional<Finding> id(String value) {
        return isId(value) ? Optional.empty() : bad(Reason.PARAM_INVALID_VALUE,
                "The _id value is not a FHIR id ([A-Za-z0-9-.]{1,64}).");
    }

    /**
     * FHIR's id grammar, minus ids made only of dots: {@code .} and {@code ..} are legal FHIR
     * ids but become dot segments once a server puts them into a URL path.
     */
    static boolean isId(String value) {
        return ID.matcher(value).matches() && !DOTS.matcher(value).matches();
    }

    /** {@code _list}: a List id, or a functional list name such as {@code $current-problems}. */
    static Optional<Finding> list(String value) {
        boolean ok = isId(value) || (value.startsWith("$") && value.length() > 1
                && Names.isCode(value.substring(1)));
        return ok ? Optional.empty() : bad(Reason.PARAM_INVALID_VALUE,
                "The _list value is neither a List id nor a $name.");
    }

    /**
     * Special parameters (such as {@code Location.near}) have no shared grammar; the
     * sanitizer accepts letters, digits, spaces and {@code . | + - _ : /}, which covers
     * {@code near=lat|long|distance|unit}.
     */
    static Optional<Finding> special(String value) {
        return SPECIAL.matcher(value).matches() ? Optional.empty()
                : bad(Reason.PARAM_INVALID_VALUE,
                        "The special value holds a character other than letters, digits, "
                                + "spaces and . | + - _ : /.");
    }

    static String prefixes() {
        return DateGrammar.PREFIXES.replace('|', ' ');
    }

    private static Optional<Finding> bad(Reason reason, String description) {
        return Optional.of(new Finding(reason, description));
    }
}
