package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.Optional;

/**
 * Refuses text that no parameter may hold, whatever its type: C0 and C1 control characters
 * (CR, LF, NUL, TAB ...), DEL, the Unicode line and paragraph separators, unpaired UTF-16
 * surrogates, and U+FFFD (with the noncharacters U+FFFE and U+FFFF): a lenient decoder puts the
 * replacement character where the bytes were not UTF-8, so its presence means the request was
 * not valid UTF-8 and is refused rather than searched with a guess. Checked on the decoded
 * text, so {@code %0D%0A} and {@code %00} are caught here.
 */
final class CharacterCheck {
    private CharacterCheck() {
    }

    static Optional<Finding> check(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return Optional.of(new Finding(Reason.PARAM_CONTROL_CHARACTER, "The " + what
                        + " holds a control character (U+" + String.format("%04X", (int) c)
                        + ") at index " + i + "."));
            }
            if (c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
                return Optional.of(new Finding(Reason.PARAM_INVALID_UNICODE, "The " + what
                        + " holds U+" + String.format("%04X", (int) c) + " at index " + i
                        + ", which marks bytes that were not UTF-8."));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(new Finding(Reason.PARAM_INVALID_UNICODE, "The " + what
                        + " holds an unpaired surrogate at index " + i + "."));
            }
        }
        return Optional.empty();
    }
}
