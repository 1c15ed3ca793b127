package io.fhirguard.authz;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import io.fhirguard.scope.EffectiveScopeResolver;
import io.fhirguard.scope.RoleMappingConfig;
import io.fhirguard.scope.ScopeParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of an {@link AuthorizationPolicy}: the FHIR version, role grants and client
 * ceilings, the operation table and the include policy.
 *
 * <p>Defaults (safe): FHIR R4; no roles and no ceilings; operations {@code $everything}
 * ({@link OperationRule#everything()}) and {@code $lastn} (an Observation search), every other
 * operation denied; {@code _include=*} / {@code _revinclude=*} and the {@code :iterate} and
 * {@code :recurse} modifiers denied.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class AuthorizationConfig {
    private static final Pattern OPERATION = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final FhirContext fhirContext;
    private final RoleMappingConfig roleMapping;
    private final Map<String, OperationRule> operations;
    private final boolean includeWildcardAllowed;
    private final boolean includeIterateAllowed;

    private AuthorizationConfig(Builder b) {
        this.fhirContext = b.fhirContext;
        this.roleMapping = b.roleMapping.build();
        this.operations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.operations));
        this.includeWildcardAllowed = b.includeWildcardAllowed;
        this.includeIterateAllowed = b.includeIterateAllowed;
    }

    /**
     * Starts a configuration with the safe defaults.
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
        b.fhirContext = fhirContext;
        b.roleMapping = roleMapping.toBuilder();
        b.operations.clear();
        b.operations.putAll(operations);
        b.includeWildcardAllowed = includeWildcardAllowed;
        b.includeIterateAllowed = includeIterateAllowed;
        return b;
    }

    /**
     * Returns the FHIR context (R4) whose resource types, search parameters and Patient
     * compartment definition the decisions use.
     *
     * @return the context
     */
    public FhirContext fhirContext() {
        return fhirContext;
    }

    /**
     * Returns the role grants and client ceilings.
     *
     * @return the role mapping
     */
    public RoleMappingConfig roleMapping() {
        return roleMapping;
    }

    /**
     * Returns the operation table: operation name with its {@code $} to rule.
     *
     * @return an unmodifiable map
     */
    public Map<String, OperationRule> operations() {
        return operations;
    }

    /**
     * Tells whether {@code _include=*} and {@code _revinclude=*} are allowed (the response is
     * then filtered). Default false.
     *
     * @return true when allowed
     */
    public boolean isIncludeWildcardAllowed() {
        return includeWildcardAllowed;
    }

    /**
     * Tells whether {@code :iterate} and {@code :recurse} on includes are allowed (the response
     * is then filtered). Default false.
     *
     * @return true when allowed
     */
    public boolean isIncludeIterateAllowed() {
        return includeIterateAllowed;
    }

    /**
     * Builds an {@link AuthorizationConfig}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private FhirContext fhirContext = FhirContext.forR4Cached();
        private RoleMappingConfig.Builder roleMapping = RoleMappingConfig.builder();
        private final Map<String, OperationRule> operations = new LinkedHashMap<>();
        private boolean includeWildcardAllowed;
        private boolean includeIterateAllowed;

        private Builder() {
            operations.put("$everything", OperationRule.everything());
            operations.put("$lastn", OperationRule.asSearch("Observation"));
        }

        /**
         * Sets the FHIR context; it must be R4. Default {@code FhirContext.forR4Cached()}.
         *
         * @param fhirContext the context
         * @return this builder
         */
        public Builder fhirContext(FhirContext fhirContext) {
            this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
            return this;
        }

        /**
         * Replaces the role grants and client ceilings.
         *
         * @param roleMapping the mapping
         * @return this builder
         */
        public Builder roleMapping(RoleMappingConfig roleMapping) {
            this.roleMapping = roleMapping.toBuilder();
            return this;
        }

        /**
         * Reads roles from a claim path; see {@link RoleMappingConfig.Builder#roleClaim}.
         *
         * @param path a dot-separated claim path such as {@code realm_access.roles}
         * @return this builder
         */
        public Builder roleClaim(String path) {
            roleMapping.roleClaim(path);
            return this;
        }

        /**
         * Grants scopes to a role, for example {@code clinician} to {@code user/*.rs}.
         *
         * @param role the role name
         * @param scopes space-separated SMART resource scopes
         * @return this builder
         */
        public Builder grantRole(String role, String scopes) {
            roleMapping.grantRole(role, scopes);
            return this;
        }

        /**
         * Caps the scopes of one client.
         *
         * @param clientId the {@code client_id}
         * @param scopes space-separated SMART resource scopes the client may never exceed
         * @return this builder
         */
        public Builder clientCeiling(String clientId, String scopes) {
            roleMapping.clientCeiling(clientId, scopes);
            return this;
        }

        /**
         * Adds or replaces the rule of one operation.
         *
         * @param name the operation with its {@code $}, for example {@code $validate}
         * @param rule how to decide it
         * @return this builder
         */
        public Builder operation(String name, OperationRule rule) {
            operations.put(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Removes an operation's rule, so the operation is denied.
         *
         * @param name the operation with its {@code $}
         * @return this builder
         */
        public Builder removeOperation(String name) {
            operations.remove(name);
            return this;
        }

        /**
         * Allows {@code _include=*} and {@code _revinclude=*}. Default false.
         *
         * @param allowed true to allow
         * @return this builder
         */
        public Builder includeWildcardAllowed(boolean allowed) {
            this.includeWildcardAllowed = allowed;
            return this;
        }

        /**
         * Allows {@code :iterate} and {@code :recurse} on includes. Default false.
         *
         * @param allowed true to allow
         * @return this builder
         */
        public Builder includeIterateAllowed(boolean allowed) {
            this.includeIterateAllowed = allowed;
            return this;
        }

        /**
         * Builds the configuration after checking all of it.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException listing every problem: a FHIR context other than
         *     R4, an operation name that is not {@code $name}, an {@code asSearch} type the
         *     FHIR version does not define, and every configured scope that is not a valid,
         *     enforceable SMART resource scope
         */
        public AuthorizationConfig build() {
            List<String> problems = new ArrayList<>();
            if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
                problems.add("fhirContext: FHIR version " + fhirContext.getVersion().getVersion()
                        + " is not supported; only R4 is");
            }
            operations.forEach((name, rule) -> {
                if (!OPERATION.matcher(name).matches()) {
                    problems.add("operation: '" + name + "' is not $name");
                }
                rule.searchType().filter(t -> !fhirContext.getResourceTypes().contains(t))
                        .ifPresent(t -> problems.add("operation " + name + ": search type '" + t
                                + "' is not a resource type"));
            });
            try {
                EffectiveScopeResolver.create(ScopeParser.create(fhirContext),
                        roleMapping.build());
            } catch (IllegalArgumentException e) {
                problems.add("roleMapping: " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new AuthorizationConfig(this);
        }
    }
}
