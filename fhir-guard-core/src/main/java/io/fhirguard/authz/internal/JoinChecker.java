package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks chained parameters ({@code subject:Patient.name}) and reverse chains
 * ({@code _has:Observation:patient:code}): every joined type must be searchable by the token,
 * and when the search is confined to a patient, the join must stay in the Patient compartment.
 * Thread-safe.
 */
final class JoinChecker {
    private final FhirContext fhirContext;
    private final Compartments compartments;

    JoinChecker(FhirContext fhirContext, Compartments compartments) {
        this.fhirContext = fhirContext;
        this.compartments = compartments;
    }

    Optional<Verdict> check(Grants grants, String type, QueryParameters params,
            boolean confined) {
        for (QueryParameter p : params) {
            Optional<String> problem = p.name().startsWith("_has:")
                    ? reverse(grants, p.name(), confined)
                    : p.name().indexOf('.') >= 0 ? chain(grants, type, p.name(), confined)
                    : Optional.empty();
            if (problem.isPresent()) {
                return Optional.of(Verdict.deny(Reason.AUTHZ_JOIN_DENIED, problem.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> reverse(Grants grants, String name, boolean confined) {
        String[] parts = name.split(":", -1);
        int i = 0;
        String joined = null;
        while (i + 3 < parts.length && parts[i].equals("_has")) {
            joined = parts[i + 1];
            String link = parts[i + 2];
            if (!compartments.isKnownType(joined)) {
                return Optional.of("_has names an unknown resource type");
            }
            if (!joinable(grants, joined, confined)) {
                return Optional.of("_has joins " + joined + ", which the token may not search"
                        + (confined ? " inside the patient's compartment" : ""));
            }
            if (confined && !grants.isFull(joined, Permission.SEARCH)
                    && !compartments.isCompartmentParam(joined, link)) {
                return Optional.of("_has joins " + joined + " through " + link
                        + ", which leaves the patient's compartment");
            }
            i += 3;
        }
        if (i == 0 || i + 1 != parts.length || parts[i].isEmpty()) {
            return Optional.of("_has is not _has:Type:reference:parameter");
        }
        // The last parameter may itself be a chain from the joined type to further types.
        return parts[i].indexOf('.') >= 0 ? chain(grants, joined, parts[i], confined)
                : Optional.empty();
    }

    private Optional<String> chain(Grants grants, String type, String name, boolean confined) {
        String[] segments = name.split("\\.", -1);
        Set<String> current = Set.of(type);
        for (int k = 0; k < segments.length - 1; k++) {
            String segment = segments[k];
            int colon = segment.indexOf(':');
            String param = colon < 0 ? segment : segment.substring(0, colon);
            String modifier = colon < 0 ? null : segment.substring(colon + 1);
            Set<String> next = new HashSet<>();
            for (String t : current) {
                RuntimeResourceDefinition def = fhirContext.getResourceDefinition(t);
                RuntimeSearchParam sp = def.getSearchParam(param);
                if (sp == null || sp.getParamType() != RestSearchParameterTypeEnum.REFERENCE) {
                    return Optional.of("Chained parameter " + param + " is not a reference"
                            + " parameter of " + t);
                }
                Set<String> targets = modifier != null ? Set.of(modifier) : sp.getTargets();
                if (targets.isEmpty()) {
                    return Optional.of("Chained parameter " + param + " may join any type; name"
                            + " the type with a :Type modifier");
                }
                next.addAll(targets);
            }
            for (String joined : next) {
                if (!compartments.isKnownType(joined)
                        || !joinable(grants, joined, confined)) {
                    return Optional.of("The chain joins " + joined + ", which the token may not"
                            + " search" + (confined ? " inside the patient's compartment" : ""));
                }
            }
            current = next;
        }
        return Optional.empty();
    }

    private boolean joinable(Grants grants, String joined, boolean confined) {
        if (grants.isFull(joined, Permission.SEARCH)) {
            return true;
        }
        return confined && compartments.isCompartmentType(joined)
                && grants.covering(joined, Permission.SEARCH).stream()
                        .anyMatch(s -> s.context() == ScopeContext.PATIENT
                                && !s.hasConstraints());
    }
}
