package io.fhirguard.authz;

import io.fhirguard.authz.internal.DecisionEngine;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.token.AccessToken;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a validated token may perform a FHIR request, following SMART App Launch
 * 2.x scopes and the FHIR Patient compartment.
 *
 * <p>In short ({@code docs/scopes.md} has the full rules): the token's effective scopes are
 * worked out (token scopes plus role grants, capped by the client ceiling); a malformed or
 * unenforceable scope refuses the whole token; {@code patient/} scopes need a {@code patient}
 * claim. Each interaction needs one permission letter (read/vread {@code r}, search {@code s},
 * create {@code c}, update/patch {@code u}, delete {@code d}, instance history {@code r},
 * type/system history {@code s}; operations from {@link AuthorizationConfig#operations()}).
 * A search under a patient scope is confined to the patient: a missing compartment parameter
 * is added, a reference to anyone else is denied. Batch entries are decided one by one; a
 * transaction is all or nothing.
 *
 * <p>Thread-safe and immutable: create one per configuration and share it. {@link #decide}
 * never throws for a well-formed token and request; it returns a denial instead.
 *
 * @since 1.0
 */
public final class AuthorizationPolicy {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationPolicy.class);

    private final AuthorizationConfig config;
    private final DecisionEngine engine;

    private AuthorizationPolicy(AuthorizationConfig config) {
        this.config = config;
        this.engine = new DecisionEngine(config);
        log.info("authorization policy created: {} role grants, {} client ceilings,"
                + " operations {}", config.roleMapping().roleGrants().size(),
                config.roleMapping().clientCeilings().size(), config.operations().keySet());
        if (config.isIncludeWildcardAllowed() || config.isIncludeIterateAllowed()) {
            log.warn("authorization policy allows _include=* or :iterate; responses rely on the"
                    + " response check alone to remove what the token may not read");
        }
    }

    /**
     * Creates a policy.
     *
     * @param config the checked configuration
     * @return the policy
     */
    public static AuthorizationPolicy create(AuthorizationConfig config) {
        return new AuthorizationPolicy(Objects.requireNonNull(config, "config"));
    }

    /**
     * Returns the configuration this policy was created with.
     *
     * @return the configuration
     */
    public AuthorizationConfig config() {
        return config;
    }

    /**
     * Decides a request. Per-request decisions are logged at DEBUG with the reason code and the
     * token's {@code jti} and fingerprint, never its patient or parameter values.
     *
     * @param token the validated access token
     * @param request the parsed request
     * @return the decision: permitted (possibly narrowed, possibly with a response check) or
     *     denied with a reason
     */
    public AccessDecision decide(AccessToken token, FhirRequest request) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(request, "request");
        return engine.decide(token, request);
    }
}
