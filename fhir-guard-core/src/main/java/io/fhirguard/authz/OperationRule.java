package io.fhirguard.authz;

import io.fhirguard.scope.Permission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link AuthorizationPolicy} decides one extended operation ({@code $name}). An operation
 * with no rule in {@link AuthorizationConfig#operations()} is denied.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class OperationRule {
    /**
     * The kinds of rule.
     *
     * @since 1.0
     */
    public enum Kind {
        /**
         * Patient {@code $everything}: needs {@code r} and {@code s} on every type in the
         * Patient compartment and on Patient; a patient-context token may only name its own
         * patient; the response is always re-checked.
         */
        EVERYTHING,
        /**
         * Decided exactly like a search of one type with the same parameters, narrowing
         * included ({@code $lastn} is an Observation search). Allowed only as a type-level
         * operation on that type; by {@code POST} only under an unconfined, unconstrained
         * grant, because a server reads a POSTed operation's parameters from its
         * {@code Parameters} body, which is not checked.
         */
        AS_SEARCH,
        /**
         * Needs the given permissions on the request's resource type ({@code *} for a
         * system-level operation) from a grant not confined to a patient; a patient-context
         * grant allows only an instance operation on the token's own Patient.
         */
        REQUIRES
    }

    private final Kind kind;
    private final String searchType;
    private final Set<Permission> permissions;

    private OperationRule(Kind kind, String searchType, Set<Permission> permissions) {
        this.kind = kind;
        this.searchType = searchType;
        this.permissions = permissions;
    }

    /**
     * Returns the rule for Patient {@code $everything}.
     *
     * @return the rule
     */
    public static OperationRule everything() {
        return new OperationRule(Kind.EVERYTHING, null,
                Set.copyOf(EnumSet.of(Permission.READ, Permission.SEARCH)));
    }

    /**
     * Returns a rule that decides the operation as a search of one type.
     *
     * @param resourceType the searched type, for example {@code Observation}
     * @return the rule
     */
    public static OperationRule asSearch(String resourceType) {
        return new OperationRule(Kind.AS_SEARCH, Objects.requireNonNull(resourceType,
                "resourceType"), Set.of(Permission.SEARCH));
    }

    /**
     * Returns a rule that needs permissions on the request's type.
     *
     * @param first a permission
     * @param more further permissions
     * @return the rule
     */
    public static OperationRule requires(Permission first, Permission... more) {
        return new OperationRule(Kind.REQUIRES, null, Set.copyOf(EnumSet.of(first, more)));
    }

    /**
     * Returns the kind of rule.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the searched type of an {@link Kind#AS_SEARCH} rule.
     *
     * @return the type, or empty for other kinds
     */
    public Optional<String> searchType() {
        return Optional.ofNullable(searchType);
    }

    /**
     * Returns the permissions the rule needs.
     *
     * @return an unmodifiable set
     */
    public Set<Permission> permissions() {
        return permissions;
    }

    @Override
    public String toString() {
        return "OperationRule[" + kind + (searchType == null ? "" : " " + searchType) + " "
                + permissions + "]";
    }
}
