package io.fhirguard.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BearerTokenSyntaxTest {
    // The RFC 6750 §2.1 b64token grammar written as a regular expression, as the resolver
    // checked it before the character loop replaced it.
    private static final Pattern RFC_6750_B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    @Test
    void characterLoopAcceptsExactlyWhatTheRfcGrammarAccepts() {
        String[] samples = {"", "=", "==", "a", "a=", "a==", "a=b", "a=b=", "=a",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/", "abc def", "abc\tdef",
            "abc,def", "abc\"", "abc%20", "\u00e9t\u00e9", "abc\u0000", "AZaz09-._~+/==",
            "a b=", "a=\u0000", "abc==="};
        for (String sample : samples) {
            assertThat(BearerCredentialResolver.isB64Token(sample)).as(sample)
                    .isEqualTo(RFC_6750_B64TOKEN.matcher(sample).matches());
        }
        for (char c = 0; c < 0x180; c++) {
            String sample = "ab" + c + "cd";
            assertThat(BearerCredentialResolver.isB64Token(sample)).as("char %d", (int) c)
                    .isEqualTo(RFC_6750_B64TOKEN.matcher(sample).matches());
        }
    }
}
