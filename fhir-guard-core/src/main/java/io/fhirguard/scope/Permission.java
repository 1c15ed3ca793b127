package io.fhirguard.scope;

import java.util.Optional;

/**
 * One SMART App Launch 2.x permission letter, in the fixed {@code cruds} order.
 *
 * @since 1.0
 */
public enum Permission {
    /** {@code c}: create. */
    CREATE('c'),
    /** {@code r}: read and vread by id, instance history. */
    READ('r'),
    /** {@code u}: update and patch. */
    UPDATE('u'),
    /** {@code d}: delete. */
    DELETE('d'),
    /** {@code s}: search, type and system history. */
    SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    /**
     * Returns the letter as written in a v2 scope.
     *
     * @return one of {@code c r u d s}
     */
    public char letter() {
        return letter;
    }

    /**
     * Finds the permission for a letter.
     *
     * @param letter a letter, case-sensitive
     * @return the permission, or empty when the letter is not one of {@code cruds}
     */
    public static Optional<Permission> ofLetter(char letter) {
        for (Permission p : values()) {
            if (p.letter == letter) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
