package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.scope.Permission;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code _include} and {@code _revinclude}: each may only name types the token may read;
 * {@code *} and {@code :iterate}/{@code :recurse} only when the configuration allows them.
 * Included resources are filtered by the response check either way. Thread-safe.
 */
final class IncludeChecker {
    private final FhirContext fhirContext;
    private final Compartments compartments;
    private final boolean wildcard;
    private final boolean iterate;

    IncludeChecker(FhirContext fhirContext, Compartments compartments, boolean wildcard,
            boolean iterate) {
        this.fhirContext = fhirContext;
        this.compartments = compartments;
        this.wildcard = wildcard;
        this.iterate = iterate;
    }

    boolean hasIncludes(QueryParameters params) {
        return params.asList().stream().anyMatch(IncludeChecker::isInclude);
    }

    Optional<Verdict> check(Grants grants, QueryParameters params) {
        for (QueryParameter p : params) {
            if (isInclude(p)) {
                Optional<String> problem = problem(grants, p);
                if (problem.isPresent()) {
                    return Optional.of(Verdict.deny(Reason.AUTHZ_INCLUDE_DENIED, problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isInclude(QueryParameter p) {
        return p.baseName().equals("_include") || p.baseName().equals("_revinclude");
    }

    private Optional<String> problem(Grants grants, QueryParameter p) {
        String base = p.baseName();
        String modifier = p.name().length() > base.length()
                ? p.name().substring(base.length() + 1) : null;
        if (modifier != null && !(modifier.equals("iterate") || modifier.equals("recurse"))) {
            return Optional.of(base + " has an unknown modifier");
        }
        if (modifier != null && !iterate) {
            return Optional.of(base + ":" + modifier + " is not allowed by this server's policy");
        }
        if (p.value().equals("*")) {
            return wildcard ? Optional.empty()
                    : Optional.of(base + "=* is not allowed by this server's policy");
        }

        String[] parts = p.value().split(":", -1);
        if (parts.length < 2 || parts.length > 3
                || !compartments.isKnownType(parts[0])) {
            return Optional.of(base + " is not Type:parameter[:targetType]");
        }
        RuntimeSearchParam sp = fhirContext.getResourceDefinition(parts[0])
                .getSearchParam(parts[1]);
        if (sp == null || sp.getParamType() != RestSearchParameterTypeEnum.REFERENCE) {
            return Optional.of(base + " names a parameter that is not a reference parameter");
        }
        Set<String> types = base.equals("_revinclude") ? Set.of(parts[0])
                : parts.length == 3 ? Set.of(parts[2]) : sp.getTargets();
        if (types.isEmpty()) {
            return Optional.of(base + " may include any type; name the target type");
        }
        for (String t : types) {
            if (!grants.any(t, Permission.READ)) {
                return Optional.of(base + " includes " + t + ", which the token may not read");
            }
        }
        return Optional.empty();
    }
}
