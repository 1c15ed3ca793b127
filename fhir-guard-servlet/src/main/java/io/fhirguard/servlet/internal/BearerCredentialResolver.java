package io.fhirguard.servlet.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the bearer token of a request in its {@code Authorization} header, following RFC 6750
 * §2.1: the scheme {@code Bearer} in any letter case, exactly one space, and one
 * {@code b64token}. The token is read from the header only: an {@code access_token} query or
 * form parameter (RFC 6750 §2.2, §2.3) is refused, because URLs end up in logs and histories,
 * and a second credential of any kind is refused as ambiguous ({@code invalid_request}).
 *
 * <p>An {@code Authorization} header with another scheme (for example {@code Basic}) counts as
 * no bearer token: the request gets the plain 401 challenge.
 */
public final class BearerCredentialResolver {
    private static final String PARAMETER = "access_token";

    /**
     * Resolves the token.
     *
     * @param authorizationHeaders every {@code Authorization} header value
     * @param rawQuery the raw query string, or {@code null}
     * @param formBody the raw {@code application/x-www-form-urlencoded} body, or {@code null}
     * @return the token, or empty when the request carries no bearer credential
     * @throws FhirGuardException {@code credential-malformed}, {@code credential-duplicated}
     *     or {@code credential-not-in-header}, each a 400 {@code invalid_request}
     */
    public Optional<String> resolve(Enumeration<String> authorizationHeaders, String rawQuery,
            byte[] formBody) {
        List<String> headers = authorizationHeaders == null ? List.of()
                : Collections.list(authorizationHeaders);
        boolean inQuery = !QueryStrings.values(rawQuery, PARAMETER).isEmpty();
        boolean inForm = formBody != null && !QueryStrings.values(
                new String(formBody, StandardCharsets.UTF_8), PARAMETER).isEmpty();
        int count = headers.size() + (inQuery ? 1 : 0) + (inForm ? 1 : 0);
        if (count > 1) {
            throw FhirGuardException.of(Reason.CREDENTIAL_DUPLICATED,
                    "The request carries more than one credential; send exactly one "
                    + "Authorization header");
        }
        if (inQuery || inForm) {
            throw FhirGuardException.of(Reason.CREDENTIAL_NOT_IN_HEADER,
                    "access_token parameters are not accepted; send the token in the "
                    + "Authorization header");
        }
        return headers.isEmpty() ? Optional.empty() : fromHeader(headers.get(0));
    }

    private static Optional<String> fromHeader(String header) {
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = space < 0 ? "" : header.substring(space + 1);
        if (!isB64Token(token)) {
            throw FhirGuardException.of(Reason.CREDENTIAL_MALFORMED,
                    "The Authorization header must be Bearer, one space and one token");
        }
        return Optional.of(token);
    }

    // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 6750 §2.1),
    // checked with a loop rather than a regular expression: tokens are long and sent on every
    // request.
    static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    static boolean isB64TokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
