package io.fhirguard.request.internal;

import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.List;

/**
 * A method, path and query that parsed cleanly: what they address and the query's parameters.
 *
 * @param method the HTTP method in upper case
 * @param target what the path addresses
 * @param parameters the decoded query parameters, in order
 */
record Addressed(String method, PathTarget target, List<QueryParameter> parameters) {
    Addressed {
        parameters = List.copyOf(parameters);
    }

    /** Starts a request holding everything known so far; the caller adds body and entries. */
    FhirRequest.Builder toRequest(List<QueryParameter> allParameters) {
        return FhirRequest.builder(method, target.interaction())
                .resourceType(target.resourceType()).id(target.id())
                .versionId(target.versionId()).compartment(target.compartment())
                .operation(target.operation()).parameters(QueryParameters.of(allParameters));
    }
}
