package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-decodes one path segment, parameter name or value exactly once, strictly: a
 * malformed escape, a raw non-ASCII character (RFC 3986 §2.1 wants those escaped), bytes that
 * are not UTF-8, and control characters before or after decoding are each a problem, never
 * repaired.
 */
final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code raw}.
     *
     * @param plusIsSpace true in a query string or form body, where {@code +} is a space
     *     (HTML form encoding); false in a path, where {@code +} is itself
     * @return the decoded text, or empty when a problem was recorded
     */
    static Optional<String> decode(String raw, boolean plusIsSpace, ProblemList problems,
            String location) {
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int lo = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    problems.add(Reason.REQUEST_BAD_PERCENT_ENCODING, "'%' at character "
                            + i + " is not followed by two hexadecimal digits", location);
                    return Optional.empty();
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c >= 0x80) {
                problems.add(Reason.REQUEST_BAD_PERCENT_ENCODING, "character " + i
                        + " is not ASCII; it must be percent-encoded as UTF-8", location);
                return Optional.empty();
            } else {
                bytes[n++] = (byte) (c == '+' && plusIsSpace ? ' ' : c);
            }
        }

        Optional<String> text = utf8(bytes, n, problems, location);
        if (text.isPresent() && hasControlCharacter(text.get())) {
            problems.add(Reason.REQUEST_CONTROL_CHARACTER,
                    "holds a control character (raw or percent-encoded)", location);
            return Optional.empty();
        }
        return text;
    }

    private static Optional<String> utf8(byte[] bytes, int length, ProblemList problems,
            String location) {
        // A fresh decoder each time: CharsetDecoder is stateful and not thread-safe.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            problems.add(Reason.REQUEST_NOT_UTF8, "percent-decoded bytes are not valid UTF-8",
                    location);
            return Optional.empty();
        }
    }

    /**
     * Returns the value of an ASCII hex digit, or -1. Not {@link Character#digit(char, int)}:
     * that also accepts non-ASCII digits such as U+0663, which no other parser would read as
     * part of an escape.
     */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** C0 controls, DEL and C1 controls: none has a place in a FHIR path or parameter. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
