package io.fhirguard.scope;

/**
 * Whose access a SMART resource scope describes: the prefix before the {@code /}.
 *
 * @since 1.0
 */
public enum ScopeContext {
    /**
     * {@code patient/}: access to data about the one patient in the token's {@code patient}
     * claim (its Patient compartment). A token with such a scope but no {@code patient} claim is
     * refused.
     */
    PATIENT("patient"),
    /**
     * {@code user/}: access as the signed-in user ({@code fhirUser}). fhir-guard does not
     * confine it to a compartment; the FHIR server's own per-user rules still apply.
     */
    USER("user"),
    /** {@code system/}: access for a backend client acting on its own behalf. */
    SYSTEM("system");

    private final String prefix;

    ScopeContext(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Returns the prefix as written in a scope, without the slash.
     *
     * @return {@code patient}, {@code user} or {@code system}
     */
    public String prefix() {
        return prefix;
    }
}
