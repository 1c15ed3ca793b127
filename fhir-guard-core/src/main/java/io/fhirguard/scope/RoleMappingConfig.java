package io.fhirguard.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Role-based grants and per-client ceilings that shape a token's effective scopes.
 *
 * <p>The effective-scope rule ({@code docs/scopes.md}):
 * <pre>
 * effective = (token scopes ∪ grants of every role the token holds) ∩ ceiling(client_id)
 * </pre>
 * where the intersection applies only when a ceiling is configured for the token's
 * {@code client_id}. A scope survives the ceiling only as far as a ceiling scope of the same
 * context covers its type: its letters are cut to the common letters and it carries the
 * constraints of both. Non-resource SMART scopes ({@code openid}, {@code launch}) pass
 * unchanged; they grant no data access.
 *
 * <p>Roles are read from the claim at {@link #roleClaim()} (a dot-separated path into the token's
 * claims such as {@code realm_access.roles}; a string or an array of strings), or from
 * {@link io.fhirguard.token.AccessToken#roles()} when no path is set.
 *
 * <p>Immutable and thread-safe. Scope texts are checked by {@link EffectiveScopeResolver}
 * against a FHIR version when it is created.
 *
 * @since 1.0
 */
public final class RoleMappingConfig {
    private final String roleClaim;
    private final Map<String, List<String>> roleGrants;
    private final Map<String, List<String>> clientCeilings;

    private RoleMappingConfig(Builder b) {
        this.roleClaim = b.roleClaim;
        this.roleGrants = copy(b.roleGrants);
        this.clientCeilings = copy(b.clientCeilings);
    }

    /**
     * Returns a configuration with no roles and no ceilings: effective scopes are the token's.
     *
     * @return the empty configuration
     */
    public static RoleMappingConfig none() {
        return builder().build();
    }

    /**
     * Starts a configuration.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.roleClaim = roleClaim;
        roleGrants.forEach((k, v) -> b.roleGrants.put(k, new ArrayList<>(v)));
        clientCeilings.forEach((k, v) -> b.clientCeilings.put(k, new ArrayList<>(v)));
        return b;
    }

    /**
     * Returns the claim path roles are read from.
     *
     * @return the dot-separated path, or empty to use the token's parsed roles
     */
    public Optional<String> roleClaim() {
        return Optional.ofNullable(roleClaim);
    }

    /**
     * Returns the scopes each role grants.
     *
     * @return an unmodifiable map from role name to scope strings
     */
    public Map<String, List<String>> roleGrants() {
        return roleGrants;
    }

    /**
     * Returns the scope ceiling of each client.
     *
     * @return an unmodifiable map from {@code client_id} to the scopes it may never exceed
     */
    public Map<String, List<String>> clientCeilings() {
        return clientCeilings;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Builds a {@link RoleMappingConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private String roleClaim;
        private final Map<String, List<String>> roleGrants = new LinkedHashMap<>();
        private final Map<String, List<String>> clientCeilings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Reads roles from this claim path instead of the token's parsed roles.
         *
         * @param path a dot-separated claim path such as {@code groups} or
         *     {@code realm_access.roles}, or {@code null} to use the parsed roles
         * @return this builder
         */
        public Builder roleClaim(String path) {
            this.roleClaim = path;
            return this;
        }

        /**
         * Grants scopes to every token holding a role. Calling it again for the same role adds
         * to its grants.
         *
         * @param role the role name, exact match
         * @param scopes space-separated SMART resource scopes, for example {@code user/*.rs}
         * @return this builder
         */
        public Builder grantRole(String role, String scopes) {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(scopes, "scopes");
            roleGrants.computeIfAbsent(role, k -> new ArrayList<>()).add(scopes);
            return this;
        }

        /**
         * Caps the scopes of tokens issued to one client. Calling it again for the same client
         * adds to its ceiling.
         *
         * @param clientId the {@code client_id}
         * @param scopes space-separated SMART resource scopes the client may never exceed
         * @return this builder
         */
        public Builder clientCeiling(String clientId, String scopes) {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(scopes, "scopes");
            clientCeilings.computeIfAbsent(clientId, k -> new ArrayList<>()).add(scopes);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException listing every problem: an empty role or client
         *     name, or an empty claim path
         */
        public RoleMappingConfig build() {
            List<String> problems = new ArrayList<>();
            if (roleClaim != null && (roleClaim.isBlank() || roleClaim.contains(".."))) {
                problems.add("roleClaim: '" + roleClaim + "' is not a dot-separated claim path");
            }
            roleGrants.keySet().stream().filter(String::isBlank)
                    .forEach(k -> problems.add("grantRole: role name must not be blank"));
            clientCeilings.keySet().stream().filter(String::isBlank)
                    .forEach(k -> problems.add("clientCeiling: client id must not be blank"));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new RoleMappingConfig(this);
        }
    }
}
