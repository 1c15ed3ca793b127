package io.fhirguard.client.internal;

import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.OAuthClientException.Category;
import java.util.Map;
import java.util.Optional;

/** Status and parsed JSON object of one response. */
public record JsonResponse(int status, Map<String, Object> body) {

    /** True for 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A string member, if present and a string. */
    public Optional<String> string(String name) {
        Object value = body.get(name);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Turns an error response into an exception carrying the OAuth error code. */
    public OAuthClientException toError(String what) {
        return OAuthClientException.ofResponse(Category.ERROR_RESPONSE, what + " failed",
                string("error").orElse(null), string("error_description").orElse(null), status);
    }
}
