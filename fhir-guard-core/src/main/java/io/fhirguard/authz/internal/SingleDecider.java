package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.authz.OperationRule;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.SmartScope;
import io.fhirguard.scope.internal.TokenValues;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Decides one request that is not a batch or transaction. Immutable and thread-safe. */
final class SingleDecider {
    private static final Pattern OPERATION_NAME = Pattern.compile("\\$[A-Za-z0-9_-]{1,64}");

    private final FhirContext fhirContext;
    private final Compartments compartments;
    private final SearchDecider search;
    private final Map<String, OperationRule> operations;

    private static final Set<String> PAGE_PARAMETERS = Set.of("_getpages", "_getpagesoffset",
            "_bundletype", "_count", "_format", "_pretty");

    SingleDecider(FhirContext fhirContext, Compartments compartments, SearchDecider search,
            Map<String, OperationRule> operations) {
        this.fhirContext = fhirContext;
        this.compartments = compartments;
        this.search = search;
        this.operations = operations;
    }

    AccessDecision decide(Grants grants, FhirRequest request, Visibility check) {
        Verdict v = verdict(grants, request);
        if (!v.isPermit()) {
            return AccessDecision.deny(request, v.reason(), v.description(), v.requiredScope(),
                    List.of());
        }
        FhirRequest sent = v.parameters().equals(request.parameters()) ? request
                : request.toBuilder().parameters(v.parameters()).build();
        return AccessDecision.permit(request, sent, v.needsCheck() ? check : null, List.of());
    }

    private Verdict verdict(Grants grants, FhirRequest request) {
        String type = request.resourceType().orElse(SmartScope.ANY_TYPE);
        QueryParameters params = request.parameters();
        if (request.resourceType().isPresent() && !compartments.isKnownType(type)) {
            // The request parser refuses these first; this keeps unknown text out of refusals.
            return Verdict.deny(Reason.REQUEST_UNKNOWN_RESOURCE_TYPE,
                    "The request names an unknown resource type");
        }
        if (request.compartment().filter(c -> !compartments.isKnownType(c.type())).isPresent()) {
            return Verdict.deny(Reason.REQUEST_UNKNOWN_RESOURCE_TYPE,
                    "The request names an unknown compartment type");
        }
        return switch (request.interaction()) {
            case CAPABILITIES -> Verdict.permit(params, false);
            case READ, VREAD, HISTORY_INSTANCE -> byId(grants, request, type,
                    request.interaction() == Interaction.HISTORY_INSTANCE);
            case HISTORY_TYPE, HISTORY_SYSTEM -> history(grants, type, params);
            case SEARCH_TYPE, SEARCH_COMPARTMENT -> search.decide(grants, type, Permission.SEARCH,
                    params, request.compartment().orElse(null));
            case SEARCH_SYSTEM -> systemSearch(grants, params);
            case CREATE -> create(grants, request, type);
            case UPDATE, PATCH, DELETE -> write(grants, request, type);
            case OPERATION_SYSTEM, OPERATION_TYPE, OPERATION_INSTANCE -> operation(grants,
                    request, type);
            case BATCH, TRANSACTION -> Verdict.deny(Reason.AUTHZ_UNSUPPORTED_PARAMETER,
                    "Nested batch or transaction is not supported");
        };
    }

    private Verdict byId(Grants grants, FhirRequest request, String type, boolean history) {
        List<SmartScope> covering = grants.covering(type, Permission.READ);
        if (covering.isEmpty()) {
            return insufficient(grants, type, Permission.READ);
        }
        if (grants.isFull(type, Permission.READ)) {
            return Verdict.permit(request.parameters(), history);
        }
        boolean patientOnly = covering.stream().allMatch(s -> s.context() == ScopeContext.PATIENT);
        if (patientOnly && !compartments.isCompartmentType(type)) {
            return notInCompartment(type);
        }
        boolean ownPatient = type.equals(Compartments.PATIENT)
                && request.id().filter(id -> id.equals(grants.patientId())).isPresent();
        if (patientOnly && type.equals(Compartments.PATIENT) && !ownPatient) {
            return escape("The request names a patient other than the token's");
        }
        boolean constrained = covering.stream().allMatch(SmartScope::hasConstraints);
        return Verdict.permit(request.parameters(), history || constrained || !ownPatient);
    }

    private Verdict history(Grants grants, String type, QueryParameters params) {
        List<SmartScope> covering = grants.covering(type, Permission.SEARCH);
        if (covering.isEmpty()) {
            return insufficient(grants, type, Permission.SEARCH);
        }
        boolean patientOnly = covering.stream().allMatch(s -> s.context() == ScopeContext.PATIENT);
        if (patientOnly && !type.equals(SmartScope.ANY_TYPE)
                && !compartments.isCompartmentType(type)) {
            return notInCompartment(type);
        }
        return Verdict.permit(params, true);
    }

    private Verdict systemSearch(Grants grants, QueryParameters params) {
        if (!params.values("_getpages").isEmpty()) {
            return page(grants, params);
        }
        Set<String> types = new LinkedHashSet<>();
        params.values("_type").forEach(v -> types.addAll(TokenValues.split(v)));
        if (types.isEmpty()) {
            types.add(SmartScope.ANY_TYPE);
        }
        for (String t : types) {
            if (!t.equals(SmartScope.ANY_TYPE) && !compartments.isKnownType(t)) {
                return Verdict.deny(Reason.AUTHZ_UNSUPPORTED_PARAMETER,
                        "_type names an unknown resource type");
            }
            if (!grants.any(t, Permission.SEARCH)) {
                return insufficient(grants, t, Permission.SEARCH);
            }
            if (!grants.isFull(t, Permission.SEARCH)) {
                return Verdict.deny(Reason.AUTHZ_NOT_IN_COMPARTMENT, "A system-level search"
                        + " cannot be confined to a patient or to scope constraints; search"
                        + " each type instead");
            }
        }
        for (QueryParameter p : params) {
            if (p.name().startsWith("_has:") || p.name().indexOf('.') >= 0) {
                return Verdict.deny(Reason.AUTHZ_JOIN_DENIED,
                        "Chains and _has are not supported in a system-level search");
            }
        }
        return search.checkParameters(grants, params).orElse(Verdict.permit(params, true));
    }

    // A paging id is not bound to the caller who ran the search, so nothing about the page is
    // known here: it goes ahead unchanged and every entry is checked against this caller's
    // grants by the response check, as for history. Only a token that can read nothing at all
    // is refused at once. Any other parameter would be ignored by the server yet look like a
    // narrowing, so it is refused here as well as by the sanitizer.
    private static Verdict page(Grants grants, QueryParameters params) {
        for (QueryParameter p : params) {
            if (!PAGE_PARAMETERS.contains(p.name())) {
                return Verdict.deny(Reason.AUTHZ_UNSUPPORTED_PARAMETER, "A paging request may"
                        + " carry only _getpages, _getpagesoffset, _bundletype, _count, _format"
                        + " and _pretty");
            }
        }
        boolean readsSomething = grants.scopes().stream()
                .anyMatch(s -> s.permissions().contains(Permission.READ));
        if (!readsSomething) {
            return Verdict.insufficient("The token's scopes grant no read on any resource "
                    + "type, so no entry of a page could be returned",
                    grants.required(SmartScope.ANY_TYPE, Permission.READ));
        }
        return Verdict.permit(params, true);
    }

    private Verdict create(Grants grants, FhirRequest request, String type) {
        if (!grants.any(type, Permission.CREATE)) {
            return insufficient(grants, type, Permission.CREATE);
        }
        if (grants.isFull(type, Permission.CREATE)) {
            return Verdict.permit(request.parameters(), false);
        }
        if (type.equals(Compartments.PATIENT)) {
            // The server assigns a new id on create, so the new Patient is never the token's.
            return escape("A patient or constrained scope cannot create a Patient");
        }
        // A conditional create (If-None-Exist, which FhirRequest does not carry) answers with
        // the existing match it found, which may be another patient's: check the response.
        Verdict v = bodyInside(grants, request, type, Permission.CREATE);
        return v.isPermit() ? v.withCheck(true) : v;
    }

    private Verdict write(Grants grants, FhirRequest request, String type) {
        Permission p = request.interaction() == Interaction.DELETE ? Permission.DELETE
                : Permission.UPDATE;
        if (!grants.any(type, p)) {
            return insufficient(grants, type, p);
        }
        if (grants.isFull(type, p)) {
            return Verdict.permit(request.parameters(), false);
        }
        if (request.parameters().asList().stream()
                .anyMatch(q -> q.baseName().equals("_cascade"))) {
            // A cascading delete also removes every resource that refers to a deleted one,
            // and those may lie in another patient's record.
            return Verdict.deny(Reason.AUTHZ_UNSUPPORTED_PARAMETER, "_cascade cannot be confined"
                    + " to a patient or to scope constraints");
        }
        if (request.interaction() == Interaction.PATCH) {
            // A patch document can move a resource into another patient's compartment, and
            // fhir-guard does not apply patches to check the result.
            return Verdict.deny(Reason.AUTHZ_UNVERIFIABLE_WRITE, "A patch under a patient or"
                    + " constrained scope cannot be verified; use update with the full resource");
        }
        if (request.isConditional()) {
            Verdict v = search.decide(grants, type, p, request.parameters(), null);
            boolean needsBody = request.interaction() == Interaction.UPDATE;
            return !v.isPermit() || !needsBody ? v
                    : bodyInside(grants, request, type, p).isPermit() ? v
                    : escape("The resource sent lies outside the token's grant");
        }
        boolean ownPatient = type.equals(Compartments.PATIENT)
                && request.id().filter(id -> id.equals(grants.patientId())).isPresent()
                && grants.covering(type, p).stream().anyMatch(s -> !s.hasConstraints());
        if (!ownPatient) {
            return Verdict.deny(Reason.AUTHZ_UNVERIFIABLE_WRITE, "A write by id under a patient"
                    + " or constrained scope cannot be verified against the stored resource;"
                    + " use a conditional write or a user/ or system/ scope");
        }
        return request.interaction() == Interaction.UPDATE
                ? bodyInside(grants, request, type, p) : Verdict.permit(request.parameters(),
                        false);
    }

    private Verdict bodyInside(Grants grants, FhirRequest request, String type, Permission p) {
        IBaseResource body = request.body().orElse(null);
        if (body == null || !fhirContext.getResourceType(body).equals(type)) {
            return Verdict.deny(Reason.AUTHZ_UNVERIFIABLE_WRITE, "The resource sent is missing"
                    + " or not a " + type + ", so it cannot be checked against the grant");
        }
        boolean inside = new Visibility(fhirContext, compartments, grants, p).isVisible(body);
        if (!inside) {
            return escape("The resource sent lies outside the token's patient compartment or"
                    + " scope constraints");
        }
        // A resource in the token's compartment (say, performer) may also be in another
        // patient's (subject); a patient grant must not write into that other record.
        if (grants.patientId() != null
                && compartments.namesOtherPatient(body, grants.patientId())
                && !new Visibility(fhirContext, compartments, grants.withoutPatientScopes(), p)
                        .isVisible(body)) {
            return escape("The resource sent also refers to a patient other than the token's");
        }
        return Verdict.permit(request.parameters(), false);
    }

    private Verdict operation(Grants grants, FhirRequest request, String type) {
        String name = request.operation().orElse("");
        OperationRule rule = operations.get(name);
        if (rule == null) {
            return Verdict.deny(Reason.AUTHZ_OPERATION_DENIED, "Operation " + safe(name)
                    + " is not allowed by this server's policy");
        }
        return switch (rule.kind()) {
            case EVERYTHING -> everything(grants, request, type);
            case AS_SEARCH -> asSearch(grants, request, type, rule.searchType().orElseThrow());
            case REQUIRES -> requires(grants, request, type, rule.permissions());
        };
    }

    private Verdict asSearch(Grants grants, FhirRequest request, String type,
            String searchType) {
        String name = safe(request.operation().orElse(""));
        if (request.interaction() != Interaction.OPERATION_TYPE || !type.equals(searchType)) {
            return Verdict.deny(Reason.AUTHZ_OPERATION_DENIED, "Operation " + name
                    + " is decided as a " + searchType + " search, so it is allowed only at "
                    + searchType + "/" + name);
        }
        // On POST the server reads operation parameters from a Parameters body, which is not
        // read here, and ignores the query, so narrowing the query would confine nothing.
        if (request.method().equals("POST") && !grants.isFull(searchType, Permission.SEARCH)) {
            return Verdict.deny(Reason.AUTHZ_OPERATION_DENIED, "Operation " + name + " by POST"
                    + " cannot be confined to a patient or to scope constraints; use GET");
        }
        return search.decide(grants, searchType, Permission.SEARCH, request.parameters(), null);
    }

    private Verdict everything(Grants grants, FhirRequest request, String type) {
        if (!type.equals(Compartments.PATIENT)) {
            return Verdict.deny(Reason.AUTHZ_OPERATION_DENIED,
                    "$everything is supported on Patient only");
        }
        for (String t : compartments.resourceTypes()) {
            if (compartments.isCompartmentType(t) && (!grants.any(t, Permission.READ)
                    || !grants.any(t, Permission.SEARCH))) {
                return Verdict.insufficient("$everything returns " + t + ", which the token"
                        + " may not read and search", grants.required("*", Permission.READ,
                                Permission.SEARCH));
            }
        }
        if (!grants.isFull(type, Permission.READ)) {
            boolean own = request.interaction() == Interaction.OPERATION_INSTANCE
                    && request.id().filter(id -> id.equals(grants.patientId())).isPresent();
            if (!own) {
                return escape("$everything must name the token's own patient");
            }
        }
        return Verdict.permit(request.parameters(), true);
    }

    private Verdict requires(Grants grants, FhirRequest request, String type,
            Set<Permission> needed) {
        boolean ownPatient = type.equals(Compartments.PATIENT)
                && request.interaction() == Interaction.OPERATION_INSTANCE
                && request.id().filter(id -> id.equals(grants.patientId())).isPresent();
        for (Permission p : needed) {
            if (!grants.any(type, p)) {
                return insufficient(grants, type, needed.toArray(Permission[]::new));
            }
            if (!grants.isFull(type, p) && !ownPatient) {
                return Verdict.deny(Reason.AUTHZ_OPERATION_DENIED, "Operation "
                        + safe(request.operation().orElse("")) + " needs a grant that is not"
                        + " confined to a patient or by constraints");
            }
        }
        return Verdict.permit(request.parameters(), false);
    }

    private static Verdict insufficient(Grants grants, String type, Permission... needed) {
        return Verdict.insufficient("The token's scopes do not grant this interaction on "
                + type, grants.required(type, needed));
    }

    private static Verdict notInCompartment(String type) {
        return Verdict.deny(Reason.AUTHZ_NOT_IN_COMPARTMENT, type + " is not in the Patient"
                + " compartment, so a patient scope cannot grant it");
    }

    private static Verdict escape(String description) {
        return Verdict.deny(Reason.AUTHZ_COMPARTMENT_ESCAPE, description);
    }

    private static String safe(String name) {
        return OPERATION_NAME.matcher(name).matches() ? name : "(unnamed)";
    }
}
