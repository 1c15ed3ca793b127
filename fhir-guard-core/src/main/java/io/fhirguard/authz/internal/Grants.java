package io.fhirguard.authz.internal;

import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.SmartScope;
import java.util.List;
import java.util.Optional;

/**
 * A token's effective resource scopes and patient context, with the lookups decisions need.
 *
 * @param scopes the effective resource scopes
 * @param patientId the token's patient, or null
 * @param prefix the context prefix used when naming a missing scope
 */
public record Grants(List<SmartScope> scopes, String patientId, String prefix) {
    /**
     * Returns the scopes that grant a permission on a type.
     *
     * @param type a resource type
     * @param permission the permission
     * @return the scopes, possibly none
     */
    public List<SmartScope> covering(String type, Permission permission) {
        return scopes.stream().filter(s -> s.grants(type, permission)).toList();
    }

    /**
     * Tells whether a grant not confined to a patient and without constraints covers the type.
     *
     * @param type a resource type
     * @param permission the permission
     * @return true when the type is fully granted
     */
    public boolean isFull(String type, Permission permission) {
        return covering(type, permission).stream().anyMatch(Grants::isUnconfined);
    }

    /**
     * Tells whether any grant covers the type.
     *
     * @param type a resource type
     * @param permission the permission
     * @return true when some scope grants it
     */
    public boolean any(String type, Permission permission) {
        return !covering(type, permission).isEmpty();
    }

    /**
     * Returns the patient context.
     *
     * @return the patient id, or empty
     */
    public Optional<String> patient() {
        return Optional.ofNullable(patientId);
    }

    /**
     * Names the scope that would grant a permission on a type, for {@code insufficient_scope}.
     *
     * @param type a resource type or {@code *}
     * @param permissions the letters
     * @return a scope such as {@code patient/Observation.s}
     */
    public String required(String type, Permission... permissions) {
        StringBuilder s = new StringBuilder(prefix).append('/').append(type).append('.');
        for (Permission p : Permission.values()) {
            if (List.of(permissions).contains(p)) {
                s.append(p.letter());
            }
        }
        return s.toString();
    }

    /**
     * Returns these grants without their {@code patient/} scopes.
     *
     * @return the user and system scopes with the same patient context and prefix
     */
    public Grants withoutPatientScopes() {
        return new Grants(scopes.stream().filter(s -> s.context() != ScopeContext.PATIENT)
                .toList(), patientId, prefix);
    }

    static boolean isUnconfined(SmartScope s) {
        return s.context() != ScopeContext.PATIENT && !s.hasConstraints();
    }
}
