package io.fhirguard.authz;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Re-verifies what a FHIR server returned against the caller's effective scopes, for requests
 * whose result fhir-guard cannot confine in advance (reads by id of non-Patient types under a
 * patient scope, {@code _include}/{@code _revinclude}, {@code $everything}, v2 constraints,
 * history).
 *
 * <p>A resource is visible only when an effective scope grants {@code r} on its type and, for a
 * {@code patient/} scope, the resource is in the token's Patient compartment (HAPI's compartment
 * definition; only relative references such as {@code Patient/123} count), and the scope's v2
 * constraints match. Implementations are immutable and thread-safe.
 *
 * @since 1.0
 */
public interface ResponseCheck {
    /**
     * Tells whether the caller may see a resource.
     *
     * @param resource a resource from the server's response
     * @return true only when some effective scope grants reading it
     */
    boolean isVisible(IBaseResource resource);

    /**
     * Removes what the caller may not see from a Bundle, in place: entries whose resource is
     * invisible (matches and includes alike), and invisible contained resources of the entries that
     * stay. In a {@code batch-response} or {@code transaction-response} the entry stays (its
     * position has meaning) but loses its resource. The server's own {@code OperationOutcome}s stay
     * (in a batch or transaction response, or with search mode {@code outcome}); a stored one in a
     * search or history result is checked like any other resource. Other entries without a resource
     * (deleted versions in a history) stay only when an unconfined, unconstrained grant covers
     * their type, since their URL shows an id. A Bundle inside an entry of a {@code batch-response}
     * or {@code transaction-response} (a search result) is filtered the same way and stays; a
     * Bundle in any other Bundle is a stored resource and is checked like any other. When anything
     * is removed, {@code Bundle.total} is dropped because it would count what the caller may not
     * see; a {@code history} Bundle loses its total unless an unconfined, unconstrained grant
     * covers every type, since the check alone confines a history.
     *
     * @param bundle the response Bundle; changed in place
     * @return how many resources were removed
     */
    int filter(Bundle bundle);
}
