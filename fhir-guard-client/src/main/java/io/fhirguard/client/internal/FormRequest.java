package io.fhirguard.client.internal;

import io.fhirguard.client.TokenEndpointRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** A form POST being assembled for one endpoint call. */
final class FormRequest implements TokenEndpointRequest {
    private final URI endpoint;
    private final URI issuer;
    final Map<String, String> form = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();

    FormRequest(URI endpoint, URI issuer) {
        this.endpoint = endpoint;
        this.issuer = issuer;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public URI issuer() {
        return issuer;
    }

    @Override
    public void setParameter(String name, String value) {
        form.put(name, value);
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public String toString() {
        return "FormRequest[" + HttpTransport.describe(endpoint) + ", parameters="
                + form.keySet() + "]";
    }
}
