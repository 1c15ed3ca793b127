package io.fhirguard.authz.internal;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.scope.EffectiveScopeResolver;
import io.fhirguard.scope.Permission;
import io.fhirguard.scope.ScopeContext;
import io.fhirguard.scope.ScopeParser;
import io.fhirguard.scope.ScopeSet;
import io.fhirguard.token.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides requests for {@code AuthorizationPolicy}. Immutable and thread-safe. */
public final class DecisionEngine {
    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);
    // FHIR R4 id datatype: 1 to 64 of A-Z, a-z, 0-9, '-' and '.'.
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhirContext;
    private final Compartments compartments;
    private final EffectiveScopeResolver resolver;
    private final SingleDecider single;

    /**
     * Creates an engine from a checked configuration.
     *
     * @param config the configuration
     */
    public DecisionEngine(AuthorizationConfig config) {
        this.fhirContext = config.fhirContext();
        this.compartments = new Compartments(fhirContext);
        this.resolver = EffectiveScopeResolver.create(ScopeParser.create(fhirContext),
                config.roleMapping());
        SearchDecider search = new SearchDecider(fhirContext, compartments,
                config.isIncludeWildcardAllowed(), config.isIncludeIterateAllowed());
        this.single = new SingleDecider(fhirContext, compartments, search, config.operations());
    }

    /**
     * Decides one request.
     *
     * @param token the validated token
     * @param request the parsed request
     * @return the decision
     */
    public AccessDecision decide(AccessToken token, FhirRequest request) {
        ScopeSet effective = resolver.resolve(token);
        AccessDecision decision;
        if (!effective.isValid()) {
            decision = refuseToken(request, effective.problems());
        } else if (effective.hasPatientScopes() && token.patient().isEmpty()) {
            decision = AccessDecision.deny(request, Reason.SCOPE_PATIENT_CONTEXT_MISSING,
                    "The token has patient scopes but no patient context (patient claim)",
                    null, List.of());
        } else if (effective.hasPatientScopes()
                && !FHIR_ID.matcher(token.patient().get()).matches()) {
            // Narrowing writes this value into the search: an empty one (patient=) is ignored
            // by servers, so it would confine nothing; a comma would make an OR list.
            decision = AccessDecision.deny(request, Reason.SCOPE_PATIENT_CONTEXT_MISSING,
                    "The token's patient context (patient claim) is not a FHIR id", null,
                    List.of());
        } else {
            Grants grants = new Grants(effective.resourceScopes(), token.patient().orElse(null),
                    prefix(token, effective));
            decision = decideIn(grants, request);
        }

        if (log.isDebugEnabled()) {
            log.debug("authorization {} for {} jti={} fp={}", decision.isPermitted() ? "permit"
                    : "deny reason=" + decision.reason().code(), request,
                    token.jti().orElse("-"), token.shortFingerprint());
        }
        return decision;
    }

    private AccessDecision decideIn(Grants grants, FhirRequest request) {
        if (request.interaction().isBundle()) {
            return decideBundle(grants, request);
        }
        return single.decide(grants, request, responseCheck(grants));
    }

    private AccessDecision decideBundle(Grants grants, FhirRequest request) {
        List<AccessDecision> entries = new ArrayList<>();
        List<FhirRequest> downstream = new ArrayList<>();
        boolean check = false;
        for (FhirRequest entry : request.entries()) {
            AccessDecision d = entry.interaction().isBundle()
                    ? AccessDecision.deny(entry, Reason.AUTHZ_UNSUPPORTED_PARAMETER,
                            "Nested batch or transaction entries are not supported", null,
                            List.of())
                    : single.decide(grants, entry, responseCheck(grants));
            entries.add(d);
            downstream.add(d.request());
            check |= d.responseCheck().isPresent();
        }

        if (request.interaction() == Interaction.TRANSACTION) {
            for (int i = 0; i < entries.size(); i++) {
                AccessDecision d = entries.get(i);
                if (!d.isPermitted()) {
                    return AccessDecision.deny(request, Reason.AUTHZ_TRANSACTION_ENTRY_DENIED,
                            "Transaction entry " + i + " is denied (" + d.reason().code() + ": "
                                    + d.description().orElse("") + "); a transaction is all or"
                                    + " nothing", d.requiredScope().orElse(null), entries);
                }
            }
        }
        FhirRequest sent = request.toBuilder().entries(downstream).build();
        return AccessDecision.permit(request, sent, check ? responseCheck(grants) : null,
                entries);
    }

    private Visibility responseCheck(Grants grants) {
        return new Visibility(fhirContext, compartments, grants, Permission.READ);
    }

    private static AccessDecision refuseToken(FhirRequest request, List<Problem> problems) {
        Problem first = problems.get(0);
        String more = problems.size() > 1 ? " (" + (problems.size() - 1) + " more scope problems)"
                : "";
        return AccessDecision.deny(request, first.reason(), first.description() + more, null,
                List.of());
    }

    // The context prefix named in insufficient_scope: the kind of scope this token would need.
    private static String prefix(AccessToken token, ScopeSet effective) {
        if (token.patient().isPresent()) {
            return ScopeContext.PATIENT.prefix();
        }
        boolean system = effective.resourceScopes().stream()
                .anyMatch(s -> s.context() == ScopeContext.SYSTEM);
        return system && token.fhirUser().isEmpty() ? ScopeContext.SYSTEM.prefix()
                : ScopeContext.USER.prefix();
    }
}
