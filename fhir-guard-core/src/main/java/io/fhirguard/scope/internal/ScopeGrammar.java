package io.fhirguard.scope.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.SmartScope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one resource scope strictly. Thread-safe. */
public final class ScopeGrammar {
    private static final Pattern TYPE = Pattern.compile("\\*|[A-Z][A-Za-z]{0,63}");
    private static final Pattern SIMPLE_PATH = Pattern.compile("[A-Za-z]+(\\.[A-Za-z]+)*");
    private static final int MAX_SHOWN = 80;

    private final FhirContext fhirContext;
    private final Set<String> resourceTypes;

    /**
     * Creates a grammar for one FHIR version.
     *
     * @param fhirContext the FHIR context
     */
    public ScopeGrammar(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
    }

    /**
     * Parses a scope that starts with a context prefix in some letter case.
     *
     * @param text the scope
     * @param problems where problems are added
     * @return the scope when valid
     */
    public Optional<SmartScope> parse(String text, List<Problem> problems) {
        int slash = text.indexOf('/');
        Optional<ScopeContext> context = contextOf(text.substring(0, slash));
        String rest = text.substring(slash + 1);
        int q = rest.indexOf('?');
        String body = q < 0 ? rest : rest.substring(0, q);
        int dot = body.indexOf('.');
        if (context.isEmpty() || dot < 0 || body.indexOf('.', dot + 1) >= 0) {
            return fail(problems, Reason.SCOPE_MALFORMED, text,
                    "is not context/Type.permissions");
        }

        String type = body.substring(0, dot);
        String suffix = body.substring(dot + 1);
        if (!TYPE.matcher(type).matches()) {
            return fail(problems, Reason.SCOPE_MALFORMED, text, "has an invalid resource type");
        }
        if (!type.equals(SmartScope.ANY_TYPE) && !resourceTypes.contains(type)) {
            return fail(problems, Reason.SCOPE_UNKNOWN_RESOURCE_TYPE, text,
                    "names a resource type this server's FHIR version does not define");
        }
        Optional<Set<Permission>> v1 = v1Permissions(suffix);
        Optional<Set<Permission>> permissions = v1.isPresent() ? v1 : v2Permissions(suffix);
        if (permissions.isEmpty() || (v1.isPresent() && q >= 0)) {
            return fail(problems, Reason.SCOPE_MALFORMED, text,
                    "has permissions that are neither read, write, * nor letters from cruds"
                            + " in that order (constraints need v2 letters)");
        }

        QueryParameters constraints = QueryParameters.empty();
        if (q >= 0) {
            Optional<QueryParameters> parsed = constraints(text, type, rest.substring(q + 1),
                    problems);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            constraints = parsed.get();
        }
        return Optional.of(SmartScope.of(context.get(), type, permissions.get(), constraints));
    }

    private static Optional<ScopeContext> contextOf(String prefix) {
        for (ScopeContext c : ScopeContext.values()) {
            if (c.prefix().equals(prefix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Optional<Set<Permission>> v1Permissions(String suffix) {
        return switch (suffix) {
            case "read" -> Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write" -> Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE,
                    Permission.DELETE));
            case "*" -> Optional.of(EnumSet.allOf(Permission.class));
            default -> Optional.empty();
        };
    }

    private static Optional<Set<Permission>> v2Permissions(String letters) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        int last = -1;
        for (char c : letters.toCharArray()) {
            Optional<Permission> p = Permission.ofLetter(c);
            if (p.isEmpty() || p.get().ordinal() <= last) {
                return Optional.empty();
            }
            last = p.get().ordinal();
            set.add(p.get());
        }
        return set.isEmpty() ? Optional.empty() : Optional.of(set);
    }

    private Optional<QueryParameters> constraints(String text, String type, String query,
            List<Problem> problems) {
        if (type.equals(SmartScope.ANY_TYPE)) {
            return fail(problems, Reason.SCOPE_UNSUPPORTED_CONSTRAINT, text,
                    "puts constraints on every type; fhir-guard enforces them on one named type"
                            + " only");
        }
        List<QueryParameter> list = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            Optional<String> name = decode(eq <= 0 ? "" : pair.substring(0, eq));
            Optional<String> value = decode(eq <= 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty() || name.get().isEmpty()
                    || value.get().isEmpty()) {
                return fail(problems, Reason.SCOPE_MALFORMED, text,
                        "has a constraint that is not name=value");
            }
            Optional<String> why = unenforceable(type, name.get(), value.get());
            if (why.isPresent()) {
                return fail(problems, Reason.SCOPE_UNSUPPORTED_CONSTRAINT, text, why.get());
            }
            list.add(new QueryParameter(name.get(), value.get()));
        }
        return Optional.of(QueryParameters.of(list));
    }

    private Optional<String> unenforceable(String type, String name, String value) {
        if (name.indexOf(':') >= 0 || name.indexOf('.') >= 0) {
            return Optional.of("has a constraint with a modifier or chain, which fhir-guard"
                    + " cannot enforce");
        }
        RuntimeResourceDefinition def = fhirContext.getResourceDefinition(type);
        RuntimeSearchParam param = def.getSearchParam(name);
        if (param == null) {
            return Optional.of("has a constraint on a search parameter the type does not"
                    + " define");
        }
        if (param.getParamType() != RestSearchParameterTypeEnum.TOKEN
                || simplePaths(type, param).isEmpty()) {
            return Optional.of("has a constraint on a parameter that is not a plain token"
                    + " parameter, which fhir-guard cannot enforce");
        }
        for (String alternative : TokenValues.split(value)) {
            if (TokenValues.parse(alternative).isEmpty()) {
                return Optional.of("has a constraint value that is not code or system|code");
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the FHIRPath expressions of a search parameter as plain element paths rooted at
     * the type, or an empty list when any of them uses a function or type cast.
     *
     * @param type the resource type
     * @param param the search parameter
     * @return the paths, or empty when one cannot be followed with the terser
     */
    public static List<String> simplePaths(String type, RuntimeSearchParam param) {
        List<String> paths = new ArrayList<>();
        for (String raw : param.getPathsSplit()) {
            String path = raw.trim();
            if (path.startsWith("Resource.")) {
                path = type + path.substring("Resource".length());
            }
            if (!SIMPLE_PATH.matcher(path).matches() || !path.startsWith(type + ".")) {
                return List.of();
            }
            paths.add(path);
        }
        return paths;
    }

    private static Optional<String> decode(String s) {
        try {
            return Optional.of(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> fail(List<Problem> problems, Reason reason, String text,
            String why) {
        // Constraint values may name a patient or other identifying data: they are not echoed.
        int q = text.indexOf('?');
        String head = q < 0 ? text : text.substring(0, q) + "?...";
        String shown = head.length() > MAX_SHOWN ? head.substring(0, MAX_SHOWN) + "..." : head;
        problems.add(Problem.error(reason, "Scope '" + printable(shown) + "' " + why
                + "; the token's access is refused as a whole"));
        return Optional.empty();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F && c != '\'' ? c : '?');
        }
        return b.toString();
    }
}
