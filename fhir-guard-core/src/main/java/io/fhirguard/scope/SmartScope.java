package io.fhirguard.scope;

import io.fhirguard.request.QueryParameters;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One parsed SMART resource scope, such as {@code patient/Observation.rs?category=laboratory},
 * in its v2 form: a context, a resource type (or {@code *}), a set of {@link Permission}s and
 * optional search-parameter constraints (SMART App Launch 2.x, "Scopes for requesting FHIR
 * resources").
 *
 * <p>A v1 scope is stored in its v2 meaning: {@code read} is {@code rs}, {@code write} is
 * {@code cud} and {@code *} is {@code cruds}. Constraints are ANDed between parameters; a
 * comma inside one value is an OR list, as in a FHIR search.
 *
 * <p>Immutable and thread-safe. Values come from {@link ScopeParser}, which checks the resource
 * type and the constraints; {@link #of} only checks that parts are present.
 *
 * @since 1.0
 */
public final class SmartScope {
    /** The resource type that stands for every type. */
    public static final String ANY_TYPE = "*";

    private final ScopeContext context;
    private final String resourceType;
    private final Set<Permission> permissions;
    private final QueryParameters constraints;

    private SmartScope(ScopeContext context, String resourceType, Set<Permission> permissions,
            QueryParameters constraints) {
        this.context = Objects.requireNonNull(context, "context");
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        this.permissions = java.util.Collections.unmodifiableSet(EnumSet.copyOf(permissions));
        this.constraints = Objects.requireNonNull(constraints, "constraints");
    }

    /**
     * Creates a scope from its parts, without checking the type or constraints against a FHIR
     * version (use {@link ScopeParser} for text from a token).
     *
     * @param context the context
     * @param resourceType a resource type or {@link #ANY_TYPE}
     * @param permissions the permissions; not empty
     * @param constraints the constraints, possibly empty
     * @return the scope
     * @throws IllegalArgumentException when {@code permissions} is empty
     */
    public static SmartScope of(ScopeContext context, String resourceType,
            Collection<Permission> permissions, QueryParameters constraints) {
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("permissions: must not be empty");
        }
        return new SmartScope(context, resourceType, EnumSet.copyOf(permissions), constraints);
    }

    /**
     * Returns whose access this scope describes.
     *
     * @return the context
     */
    public ScopeContext context() {
        return context;
    }

    /**
     * Returns the resource type the scope names.
     *
     * @return a resource type such as {@code Observation}, or {@link #ANY_TYPE}
     */
    public String resourceType() {
        return resourceType;
    }

    /**
     * Returns the granted permissions.
     *
     * @return an unmodifiable, non-empty set in {@code cruds} order
     */
    public Set<Permission> permissions() {
        return permissions;
    }

    /**
     * Returns the v2 constraints ({@code ?param=value&...}).
     *
     * @return the constraints; empty when the scope has none
     */
    public QueryParameters constraints() {
        return constraints;
    }

    /**
     * Tells whether the scope carries v2 constraints.
     *
     * @return true when at least one constraint is present
     */
    public boolean hasConstraints() {
        return !constraints.isEmpty();
    }

    /**
     * Tells whether this scope grants a permission on a resource type, ignoring context and
     * constraints (those are the decision's business).
     *
     * @param type a resource type such as {@code Observation}
     * @param permission the permission
     * @return true when the type matches (or the scope is for every type) and the letter is
     *     granted
     */
    public boolean grants(String type, Permission permission) {
        return (resourceType.equals(ANY_TYPE) || resourceType.equals(type))
                && permissions.contains(permission);
    }

    /**
     * Returns the scope in its v2 text form, for example {@code user/*.rs} or
     * {@code patient/Observation.rs?category=laboratory}. Scope texts hold no patient data.
     *
     * @return the normalized scope string
     */
    public String toScopeString() {
        StringBuilder s = new StringBuilder(context.prefix()).append('/').append(resourceType)
                .append('.');
        permissions.forEach(p -> s.append(p.letter()));
        if (hasConstraints()) {
            s.append('?').append(constraints.asList().stream()
                    .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("&")));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmartScope s && context == s.context
                && resourceType.equals(s.resourceType) && permissions.equals(s.permissions)
                && constraints.equals(s.constraints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(context, resourceType, permissions, constraints);
    }

    /**
     * Returns {@link #toScopeString()}.
     *
     * @return the v2 scope text
     */
    @Override
    public String toString() {
        return toScopeString();
    }

    /**
     * Returns a copy with other permissions and constraints, used when a client ceiling caps
     * a scope.
     *
     * @param newPermissions the permissions; not empty
     * @param newConstraints the constraints
     * @return the new scope
     */
    public SmartScope with(Set<Permission> newPermissions, QueryParameters newConstraints) {
        return of(context, resourceType, newPermissions, newConstraints);
    }
}
