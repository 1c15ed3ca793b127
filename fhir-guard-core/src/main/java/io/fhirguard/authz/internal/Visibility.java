package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import io.fhirguard.authz.ResponseCheck;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.SmartScope;
import io.fhirguard.scope.internal.ScopeGrammar;
import io.fhirguard.scope.internal.TokenValues;
import java.util.Iterator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides whether a resource lies inside a token's grants for one permission: the
 * {@link ResponseCheck} implementation, also used to check create and update bodies.
 * Immutable and thread-safe.
 */
public final class Visibility implements ResponseCheck {
    private final FhirContext fhirContext;
    private final Compartments compartments;
    private final Grants grants;
    private final Permission permission;

    /**
     * Creates a check.
     *
     * @param fhirContext the FHIR context
     * @param compartments the compartment definition
     * @param grants the token's grants
     * @param permission the permission a resource must be granted ({@code r} for responses)
     */
    public Visibility(FhirContext fhirContext, Compartments compartments, Grants grants,
            Permission permission) {
        this.fhirContext = fhirContext;
        this.compartments = compartments;
        this.grants = grants;
        this.permission = permission;
    }

    @Override
    public boolean isVisible(IBaseResource resource) {
        String type = fhirContext.getResourceType(resource);
        for (SmartScope s : grants.covering(type, permission)) {
            boolean inCompartment = s.context() != ScopeContext.PATIENT
                    || (grants.patientId() != null
                            && compartments.contains(resource, grants.patientId()));
            if (inCompartment && matchesConstraints(type, s, resource)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int filter(Bundle bundle) {
        boolean positional = bundle.getType() == Bundle.BundleType.BATCHRESPONSE
                || bundle.getType() == Bundle.BundleType.TRANSACTIONRESPONSE;
        int removed = 0;
        Iterator<Bundle.BundleEntryComponent> it = bundle.getEntry().iterator();
        while (it.hasNext()) {
            Bundle.BundleEntryComponent entry = it.next();
            Resource resource = entry.getResource();
            if (resource == null && !positional && !isFullyGranted(entry)) {
                // A history entry of a deleted resource shows its id and URL; without a grant
                // that covers every resource of its type, nothing says it is the caller's.
                it.remove();
                removed++;
                continue;
            }
            if (resource == null || isOutcome(entry, positional)) {
                continue;
            }
            if (resource instanceof Bundle inner && positional) {
                // A search result inside a batch-response: filter its content, keep the wrapper.
                // Elsewhere a Bundle is a stored resource and is checked like any other.
                removed += filter(inner);
                continue;
            }
            if (!isVisible(resource)) {
                removed++;
                if (positional) {
                    entry.setResource(null);
                } else {
                    it.remove();
                }
            } else if (resource instanceof DomainResource dr) {
                removed += filterContained(dr);
            }
        }
        // A history is confined only by this check, so its total counts versions of every
        // patient even when this page held nothing to remove (for example _count=0).
        boolean historyOfSomeTypes = bundle.getType() == Bundle.BundleType.HISTORY
                && !grants.isFull(SmartScope.ANY_TYPE, permission);
        if (removed > 0 || historyOfSomeTypes) {
            bundle.setTotalElement(null);
        }
        return removed;
    }

    // Only the server's own messages pass unchecked: an entry's outcome in a batch-response, or
    // a search-mode "outcome" entry. A stored OperationOutcome (history, search) is a resource.
    private static boolean isOutcome(Bundle.BundleEntryComponent entry, boolean positional) {
        return entry.getResource() instanceof OperationOutcome
                && (positional || entry.hasSearch()
                        && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME);
    }

    private boolean isFullyGranted(Bundle.BundleEntryComponent entry) {
        String url = entry.hasRequest() && entry.getRequest().hasUrl()
                ? entry.getRequest().getUrl() : entry.getFullUrl();
        String type = url == null ? null : new IdType(url).getResourceType();
        return type != null && grants.isFull(type, permission);
    }

    // A contained resource has no identity of its own outside its container, which already
    // passed the compartment check; it stays only when its type is granted.
    private int filterContained(DomainResource container) {
        int before = container.getContained().size();
        container.getContained().removeIf(c -> !grants.any(c.fhirType(), permission));
        return before - container.getContained().size();
    }

    private boolean matchesConstraints(String type, SmartScope scope, IBaseResource resource) {
        for (QueryParameter c : scope.constraints()) {
            if (!matchesOne(type, c, resource)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesOne(String type, QueryParameter constraint, IBaseResource resource) {
        RuntimeSearchParam param = fhirContext.getResourceDefinition(type)
                .getSearchParam(constraint.name());
        List<TokenValues.Token> allowed = TokenValues.split(constraint.value()).stream()
                .map(TokenValues::parse).flatMap(java.util.Optional::stream).toList();
        for (String path : ScopeGrammar.simplePaths(type, param)) {
            for (IBase value : fhirContext.newTerser().getValues(resource, path)) {
                if (matchesValue(value, allowed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesValue(IBase value, List<TokenValues.Token> allowed) {
        if (value instanceof CodeableConcept cc) {
            return cc.getCoding().stream().anyMatch(c -> matchesCoding(c, allowed));
        }
        if (value instanceof Coding c) {
            return matchesCoding(c, allowed);
        }
        if (value instanceof Identifier id) {
            return allowed.stream().anyMatch(t -> t.matches(id.getSystem(), id.getValue()));
        }
        if (value instanceof PrimitiveType<?> p) {
            return allowed.stream().anyMatch(t -> t.system() == null
                    && t.code().equals(p.getValueAsString()));
        }
        return false;
    }

    private static boolean matchesCoding(Coding c, List<TokenValues.Token> allowed) {
        return allowed.stream().anyMatch(t -> t.matches(c.getSystem(), c.getCode()));
    }
}
