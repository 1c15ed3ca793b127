package io.fhirguard.scope;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.Problem;
import io.fhirguard.scope.internal.ScopeGrammar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses SMART on FHIR scope strings (App Launch 1.0 and 2.x) into a {@link ScopeSet}.
 *
 * <p>Rules (see {@code docs/scopes.md}):
 * <ul>
 *   <li>Scopes are split on runs of spaces and tabs; empty pieces and duplicates are dropped.
 *   <li>A piece whose prefix, in any letter case, is {@code patient/}, {@code user/} or
 *       {@code system/} is a resource scope and is parsed strictly (case-sensitive, as SMART
 *       defines it). v1 suffixes {@code read}, {@code write}, {@code *} map to {@code rs},
 *       {@code cud}, {@code cruds}; v2 letters must be a non-empty subsequence of
 *       {@code cruds}. The type must be one the FHIR version defines, or {@code *}.
 *   <li>v2 constraints ({@code ?name=value&...}) are accepted only where fhir-guard can enforce
 *       them on both the request and the returned resources: a token-type search parameter of
 *       the named type, without modifier or chain, with values {@code code} or
 *       {@code system|code} (comma for OR). Anything else is a problem.
 *   <li>{@code launch}, {@code launch/patient}, {@code launch/encounter}, {@code openid},
 *       {@code fhirUser}, {@code profile}, {@code offline_access} and {@code online_access}
 *       are kept as SMART scopes; every other piece is ignored and grants nothing.
 * </ul>
 *
 * <p>Thread-safe; create one per {@link FhirContext} and reuse it.
 *
 * @since 1.0
 */
public final class ScopeParser {
    private static final Set<String> SMART_SCOPES = Set.of("launch", "launch/patient",
            "launch/encounter", "openid", "fhirUser", "profile", "offline_access",
            "online_access");
    private static final Pattern SEPARATORS = Pattern.compile("[ \\t]+");

    private final ScopeGrammar grammar;

    private ScopeParser(FhirContext fhirContext) {
        this.grammar = new ScopeGrammar(fhirContext);
    }

    /**
     * Creates a parser that checks resource types and constraint parameters against the given
     * FHIR version.
     *
     * @param fhirContext the FHIR context, normally R4
     * @return the parser
     */
    public static ScopeParser create(FhirContext fhirContext) {
        return new ScopeParser(Objects.requireNonNull(fhirContext, "fhirContext"));
    }

    /**
     * Parses a space-separated scope string, as in an OAuth {@code scope} claim.
     *
     * @param scopes the scope string, possibly empty
     * @return the parsed set; check {@link ScopeSet#isValid()}
     */
    public ScopeSet parse(String scopes) {
        return parse(List.of(Objects.requireNonNull(scopes, "scopes")));
    }

    /**
     * Parses scope strings; each may itself hold several scopes separated by spaces or tabs.
     *
     * @param scopes the scopes in granted order
     * @return the parsed set; check {@link ScopeSet#isValid()}
     */
    public ScopeSet parse(Collection<String> scopes) {
        List<SmartScope> resource = new ArrayList<>();
        Set<String> smart = new LinkedHashSet<>();
        Set<String> ignored = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();

        for (String piece : split(scopes)) {
            if (SMART_SCOPES.contains(piece)) {
                smart.add(piece);
            } else if (looksLikeResourceScope(piece)) {
                grammar.parse(piece, problems).ifPresent(resource::add);
            } else {
                ignored.add(piece);
            }
        }
        return new ScopeSet(resource, smart, ignored, problems);
    }

    /**
     * Parses one resource scope.
     *
     * @param scope a scope such as {@code user/Observation.rs}
     * @return the scope, or empty when it is not a valid, enforceable resource scope
     */
    public Optional<SmartScope> parseResourceScope(String scope) {
        ScopeSet set = parse(scope);
        return set.isValid() && set.resourceScopes().size() == 1
                ? Optional.of(set.resourceScopes().get(0)) : Optional.empty();
    }

    private static Set<String> split(Collection<String> scopes) {
        Set<String> pieces = new LinkedHashSet<>();
        for (String s : scopes) {
            for (String piece : SEPARATORS.split(s)) {
                if (!piece.isEmpty()) {
                    pieces.add(piece);
                }
            }
        }
        return pieces;
    }

    private static boolean looksLikeResourceScope(String piece) {
        String lower = piece.toLowerCase(Locale.ROOT);
        return lower.startsWith("patient/") || lower.startsWith("user/")
                || lower.startsWith("system/");
    }
}
