package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.CompartmentRef;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.SmartScope;
import io.fhirguard.scope.internal.TokenValues;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a search (or a conditional write, or an operation decided as a search) of one type:
 * picks the grant, confines it to the patient compartment, enforces v2 constraints and checks
 * chains, {@code _has} and includes. Thread-safe.
 */
public final class SearchDecider {
    private static final Set<String> UNCHECKABLE = Set.of("_filter", "_query", "_contained",
            "_containedType");

    private final FhirContext fhirContext;
    private final Compartments compartments;
    private final JoinChecker joins;
    private final IncludeChecker includes;

    /**
     * Creates a decider.
     *
     * @param fhirContext the FHIR context
     * @param compartments the compartment definition
     * @param includeWildcard whether {@code _include=*} is allowed
     * @param includeIterate whether {@code :iterate} is allowed
     */
    public SearchDecider(FhirContext fhirContext, Compartments compartments,
            boolean includeWildcard, boolean includeIterate) {
        this.fhirContext = fhirContext;
        this.compartments = compartments;
        this.joins = new JoinChecker(fhirContext, compartments);
        this.includes = new IncludeChecker(fhirContext, compartments, includeWildcard,
                includeIterate);
    }

    /**
     * Decides a search of one type.
     *
     * @param grants the token's grants
     * @param type the searched type
     * @param permission {@code s} for searches, {@code u} or {@code d} for conditional writes
     * @param params the request's parameters
     * @param compartment the compartment of a compartment search, or null
     * @return the verdict
     */
    public Verdict decide(Grants grants, String type, Permission permission,
            QueryParameters params, CompartmentRef compartment) {
        for (QueryParameter p : params) {
            if (UNCHECKABLE.contains(p.baseName())) {
                return uncheckable(p);
            }
        }
        List<SmartScope> covering = grants.covering(type, permission);
        if (covering.isEmpty()) {
            return Verdict.insufficient("The token's scopes do not grant "
                    + permission.name().toLowerCase(java.util.Locale.ROOT) + " on " + type,
                    grants.required(type, permission));
        }

        boolean confined = isConfined(type, covering, params);
        Verdict verdict = plan(grants, type, covering, params, compartment, confined);
        if (!verdict.isPermit()) {
            return verdict;
        }
        Optional<Verdict> joinDenial = joins.check(grants, type, params, confined);
        if (joinDenial.isPresent()) {
            return joinDenial.get();
        }
        Optional<Verdict> includeDenial = includes.check(grants, params);
        if (includeDenial.isPresent()) {
            return includeDenial.get();
        }
        return verdict.withCheck(includes.hasIncludes(params));
    }

    /**
     * Checks the parameters of a system-level search that need no type: the ones that cannot
     * be checked at all, and includes.
     *
     * @param grants the token's grants
     * @param params the parameters
     * @return a denial, or empty when they pass
     */
    public Optional<Verdict> checkParameters(Grants grants, QueryParameters params) {
        for (QueryParameter p : params) {
            if (UNCHECKABLE.contains(p.baseName())) {
                return Optional.of(uncheckable(p));
            }
        }
        return includes.check(grants, params);
    }

    private static Verdict uncheckable(QueryParameter p) {
        return Verdict.deny(Reason.AUTHZ_UNSUPPORTED_PARAMETER, "Search parameter "
                + p.baseName() + " cannot be checked against the token's scopes");
    }

    // The patient grants are the ones used exactly when nothing unconfined covers the type, no
    // constrained user/system grant is satisfied, and the patient grants can apply to the type.
    private boolean isConfined(String type, List<SmartScope> covering, QueryParameters params) {
        boolean patient = covering.stream().anyMatch(s -> s.context() == ScopeContext.PATIENT);
        boolean others = covering.stream().anyMatch(s -> s.context() != ScopeContext.PATIENT);
        return patient && covering.stream().noneMatch(Grants::isUnconfined)
                && covering.stream().noneMatch(s -> s.context() != ScopeContext.PATIENT
                        && satisfies(s, params))
                && (!others || compartments.isCompartmentType(type));
    }

    private Verdict plan(Grants grants, String type, List<SmartScope> covering,
            QueryParameters params, CompartmentRef compartment, boolean confined) {
        if (covering.stream().anyMatch(Grants::isUnconfined)) {
            return Verdict.permit(params, false);
        }
        List<SmartScope> others = covering.stream()
                .filter(s -> s.context() != ScopeContext.PATIENT).toList();
        if (!confined) {
            return ensureConstraints(others, params);
        }

        List<SmartScope> patient = covering.stream()
                .filter(s -> s.context() == ScopeContext.PATIENT).toList();
        Verdict narrowed = confine(grants.patientId(), type, params, compartment);
        if (!narrowed.isPermit() || patient.stream().anyMatch(s -> !s.hasConstraints())) {
            return narrowed;
        }
        return ensureConstraints(patient, narrowed.parameters());
    }

    // A search must carry a scope's constraints: kept when already there, added when absent,
    // denied when the search asks for something else.
    private static Verdict ensureConstraints(List<SmartScope> candidates,
            QueryParameters params) {
        for (SmartScope s : candidates) {
            if (satisfies(s, params)) {
                return Verdict.permit(params, true);
            }
        }
        if (candidates.size() > 1) {
            return Verdict.deny(Reason.AUTHZ_CONSTRAINT_CONFLICT, "Several constrained scopes"
                    + " apply; the search must name the constraint of one of them");
        }
        QueryParameters out = params;
        for (QueryParameter c : candidates.get(0).constraints()) {
            if (params.values(c.name()).isEmpty()) {
                out = out.with(c);
            } else if (!anyCovered(c, params.values(c.name()))) {
                return Verdict.deny(Reason.AUTHZ_CONSTRAINT_CONFLICT, "The search asks for "
                        + c.name() + " values outside the scope's constraint");
            }
        }
        return Verdict.permit(out, true);
    }

    static boolean satisfies(SmartScope scope, QueryParameters params) {
        for (QueryParameter c : scope.constraints()) {
            if (!anyCovered(c, params.values(c.name()))) {
                return false;
            }
        }
        return true;
    }

    // One repetition of the parameter suffices (repetitions are ANDed) when every alternative
    // of its OR list is inside the constraint.
    private static boolean anyCovered(QueryParameter constraint, List<String> values) {
        List<TokenValues.Token> allowed = TokenValues.split(constraint.value()).stream()
                .map(TokenValues::parse).flatMap(Optional::stream).toList();
        for (String value : values) {
            boolean all = true;
            for (String alt : TokenValues.split(value)) {
                Optional<TokenValues.Token> t = TokenValues.parse(alt);
                all &= t.isPresent() && allowed.stream().anyMatch(a -> a.covers(t.get()));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private Verdict confine(String patientId, String type, QueryParameters params,
            CompartmentRef compartment) {
        if (compartment != null && compartment.type().equals(Compartments.PATIENT)
                && !compartment.id().equals(patientId)) {
            return escape("The compartment is another patient's");
        }
        if (type.equals(Compartments.PATIENT)) {
            return confinePatient(patientId, params);
        }
        if (!compartments.isCompartmentType(type)) {
            return Verdict.deny(Reason.AUTHZ_NOT_IN_COMPARTMENT, type + " is not in the Patient"
                    + " compartment, so a patient scope cannot grant it");
        }

        boolean confined = compartment != null && compartment.type().equals(Compartments.PATIENT);
        for (QueryParameter p : params) {
            String name = p.name();
            if (name.indexOf('.') >= 0 || name.startsWith("_")
                    || !compartments.isCompartmentParam(type, p.baseName())) {
                continue;
            }
            Optional<Verdict> escape = checkCompartmentParam(patientId, type, p);
            if (escape.isPresent()) {
                return escape.get();
            }
            confined = true;
        }
        if (confined) {
            return Verdict.permit(params, false);
        }
        String narrowing = compartments.narrowingParam(type);
        String value = patientOnly(type, narrowing) ? patientId : "Patient/" + patientId;
        return Verdict.permit(params.with(new QueryParameter(narrowing, value)), false);
    }

    // A compartment parameter already in the search must name the token's patient and nobody
    // else; a bare id is accepted only where the parameter cannot point to another type.
    private Optional<Verdict> checkCompartmentParam(String patientId, String type,
            QueryParameter p) {
        String base = p.baseName();
        String modifier = p.name().length() > base.length()
                ? p.name().substring(base.length() + 1) : null;
        if (modifier != null && !modifier.equals(Compartments.PATIENT)) {
            return Optional.of(escape("Modifier :" + modifier + " on compartment parameter "
                    + base + " cannot be confined to the patient"));
        }
        boolean bareIdOk = modifier != null || patientOnly(type, base);
        for (String alt : TokenValues.split(p.value())) {
            if (!alt.equals("Patient/" + patientId) && !(bareIdOk && alt.equals(patientId))) {
                return Optional.of(escape("Parameter " + base + " refers to something other"
                        + " than the token's patient"));
            }
        }
        return Optional.empty();
    }

    private static Verdict confinePatient(String patientId, QueryParameters params) {
        boolean seen = false;
        for (QueryParameter p : params) {
            if (p.baseName().equals("_id")) {
                if (!p.name().equals("_id")) {
                    return escape("Modifiers on _id cannot be confined to the patient");
                }
                for (String alt : TokenValues.split(p.value())) {
                    if (!alt.equals(patientId)) {
                        return escape("_id names a patient other than the token's");
                    }
                }
                seen = true;
            }
        }
        return Verdict.permit(seen ? params : params.with(new QueryParameter("_id", patientId)),
                false);
    }

    private boolean patientOnly(String type, String param) {
        RuntimeSearchParam sp = fhirContext.getResourceDefinition(type).getSearchParam(param);
        return sp != null && sp.getParamType() == RestSearchParameterTypeEnum.REFERENCE
                && new HashSet<>(sp.getTargets()).equals(Set.of(Compartments.PATIENT));
    }

    private static Verdict escape(String description) {
        return Verdict.deny(Reason.AUTHZ_COMPARTMENT_ESCAPE, description);
    }
}
