package io.fhirguard.servlet.support;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A HAPI interceptor that records what the FHIR server itself received, after fhir-guard
 * handed the request on: the parameters HAPI parsed and the request path.
 */
@Interceptor
public final class ReceivedRequests {
    /**
     * One request as HAPI saw it.
     *
     * @param path the request path relative to the base
     * @param parameters the parameters as HAPI parsed them
     * @param principal the user principal name, or null
     * @param roles which of the probed roles {@code isUserInRole} granted
     * @param attributes the fhir-guard request attribute names present
     * @param body the request body HAPI read, as UTF-8 text (empty when none)
     */
    public record Received(String path, Map<String, String[]> parameters, String principal,
            List<String> roles, List<String> attributes, String body) {
        /**
         * Returns the values HAPI parsed for one parameter.
         *
         * @param name the name
         * @return the values, empty when absent
         */
        public List<String> values(String name) {
            String[] v = parameters.get(name);
            return v == null ? List.of() : List.of(v);
        }
    }

    private static final List<String> PROBED_ROLES = List.of("clinician", "admin");

    private final List<Received> received = new CopyOnWriteArrayList<>();

    /**
     * Records one request.
     *
     * @param details HAPI's request details
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void record(RequestDetails details) {
        var servletRequest = ((ca.uhn.fhir.rest.server.servlet.ServletRequestDetails) details)
                .getServletRequest();
        List<String> roles = PROBED_ROLES.stream().filter(servletRequest::isUserInRole).toList();
        List<String> attributes = java.util.Collections.list(
                servletRequest.getAttributeNames()).stream()
                .filter(n -> n.startsWith("io.fhirguard.")).toList();
        received.add(new Received(details.getRequestPath(), Map.copyOf(details.getParameters()),
                servletRequest.getUserPrincipal() == null ? null
                        : servletRequest.getUserPrincipal().getName(), roles, attributes,
                new String(details.loadRequestContents(),
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Returns every request recorded so far.
     *
     * @return the requests, oldest first
     */
    public List<Received> all() {
        return List.copyOf(received);
    }

    /**
     * Returns the last request.
     *
     * @return the newest request
     * @throws AssertionError when the server received nothing
     */
    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the FHIR server received no request");
        }
        return received.get(received.size() - 1);
    }
}
