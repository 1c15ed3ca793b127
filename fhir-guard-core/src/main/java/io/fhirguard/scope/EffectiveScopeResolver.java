package io.fhirguard.scope;

import io.fhirguard.refusal.Problem;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.token.AccessToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out a token's effective scopes: its own scopes joined with its roles' grants and capped
 * by its client's ceiling, as {@link RoleMappingConfig} describes.
 *
 * <p>Thread-safe. The configured grants and ceilings are parsed once, at {@link #create}. A
 * token's own scopes are parsed once per distinct scope list and the parsed {@link ScopeSet}
 * (problems included) is kept in a cache of at most 1,024 scope lists per resolver; when the
 * cache is full it is emptied and refilled from the next requests, so its memory stays bounded
 * however many distinct scope lists arrive. Role grants and client ceilings are still applied on
 * every call, because they depend on the token's roles and client.
 *
 * @since 1.0
 */
public final class EffectiveScopeResolver {
    private static final int PARSED_CACHE_SIZE = 1_024;

    private final ScopeParser parser;
    private final Map<List<String>, ScopeSet> parsed = new ConcurrentHashMap<>();
    private final RoleMappingConfig config;
    private final Map<String, List<SmartScope>> roleGrants = new LinkedHashMap<>();
    private final Map<String, List<SmartScope>> ceilings = new LinkedHashMap<>();

    private EffectiveScopeResolver(ScopeParser parser, RoleMappingConfig config) {
        this.parser = parser;
        this.config = config;
        List<String> problems = new ArrayList<>();
        config.roleGrants().forEach((role, scopes) ->
                roleGrants.put(role, parseConfigured("role '" + role + "'", scopes, problems)));
        config.clientCeilings().forEach((client, scopes) ->
                ceilings.put(client, parseConfigured("client '" + client + "'", scopes,
                        problems)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Creates a resolver and checks every configured scope.
     *
     * @param parser the scope parser for the server's FHIR version
     * @param config the role grants and client ceilings
     * @return the resolver
     * @throws IllegalArgumentException listing every configured scope that is not a valid,
     *     enforceable SMART resource scope
     */
    public static EffectiveScopeResolver create(ScopeParser parser, RoleMappingConfig config) {
        return new EffectiveScopeResolver(Objects.requireNonNull(parser, "parser"),
                Objects.requireNonNull(config, "config"));
    }

    /**
     * Returns the token's effective scopes. When the token's own scopes hold a malformed or
     * unenforceable scope, the result carries the problems and the caller must refuse the token
     * as a whole.
     *
     * @param token the validated token
     * @return the effective scopes and any problems
     */
    public ScopeSet resolve(AccessToken token) {
        ScopeSet own = parseOwn(token.scopes());
        if (!own.isValid()) {
            return own;
        }

        List<SmartScope> joined = new ArrayList<>(own.resourceScopes());
        for (String role : rolesOf(token)) {
            joined.addAll(roleGrants.getOrDefault(role, List.of()));
        }
        List<SmartScope> capped = token.clientId().map(ceilings::get)
                .map(ceiling -> cap(joined, ceiling)).orElse(joined);
        return new ScopeSet(capped, own.smartScopes(), own.ignored(), List.of());
    }

    // The parser is a pure function of the list, and ScopeSet is immutable, so a cached result is
    // the same as a fresh parse. AccessToken.scopes() is an unmodifiable list, safe as a key.
    private ScopeSet parseOwn(List<String> scopes) {
        ScopeSet cached = parsed.get(scopes);
        if (cached != null) {
            return cached;
        }
        ScopeSet set = parser.parse(scopes);
        if (parsed.size() >= PARSED_CACHE_SIZE) {
            parsed.clear();
        }
        parsed.put(scopes, set);
        return set;
    }

    private List<String> rolesOf(AccessToken token) {
        if (config.roleClaim().isEmpty()) {
            return token.roles();
        }
        Object value = token.claims();
        for (String part : config.roleClaim().get().split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        List<String> roles = new ArrayList<>();
        if (value instanceof String s) {
            roles.add(s);
        } else if (value instanceof Collection<?> c) {
            c.stream().filter(String.class::isInstance).map(String.class::cast)
                    .forEach(roles::add);
        }
        return roles;
    }

    private static List<SmartScope> cap(List<SmartScope> scopes, List<SmartScope> ceiling) {
        Set<SmartScope> out = new LinkedHashSet<>();
        for (SmartScope s : scopes) {
            for (SmartScope c : ceiling) {
                intersect(s, c).ifPresent(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    private static Optional<SmartScope> intersect(SmartScope s, SmartScope c) {
        boolean typeOk = c.resourceType().equals(SmartScope.ANY_TYPE)
                || s.resourceType().equals(SmartScope.ANY_TYPE)
                || c.resourceType().equals(s.resourceType());
        Set<Permission> letters = EnumSet.noneOf(Permission.class);
        letters.addAll(s.permissions());
        letters.retainAll(c.permissions());
        if (s.context() != c.context() || !typeOk || letters.isEmpty()) {
            return Optional.empty();
        }
        String type = s.resourceType().equals(SmartScope.ANY_TYPE) ? c.resourceType()
                : s.resourceType();
        List<QueryParameter> constraints = new ArrayList<>(s.constraints().asList());
        c.constraints().forEach(p -> {
            if (!constraints.contains(p)) {
                constraints.add(p);
            }
        });
        if (type.equals(SmartScope.ANY_TYPE) && !constraints.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SmartScope.of(s.context(), type, letters,
                QueryParameters.of(constraints)));
    }

    private List<SmartScope> parseConfigured(String owner, List<String> scopes,
            List<String> problems) {
        ScopeSet set = parser.parse(scopes);
        for (Problem p : set.problems()) {
            problems.add(owner + ": " + p.description());
        }
        if (!set.smartScopes().isEmpty() || !set.ignored().isEmpty()) {
            problems.add(owner + ": only SMART resource scopes (context/Type.permissions) may"
                    + " be configured, not " + set.smartScopes() + set.ignored());
        }
        return set.resourceScopes();
    }
}
