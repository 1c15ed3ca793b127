package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.Optional;

/**
 * Refuses text that no parameter may hold, whatever its type: C0 and C1 control characters
 * (CR, LF, NUL, TAB ...), DEL, the Unicode line and paragraph separators, and unpaired UTF-16
 * surrogates. Checked on the decoded text, so {@code %0D%0A} and {@code %00} are caught here.
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
