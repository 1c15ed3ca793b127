package io.fhirguard.servlet.adversarial;

import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.authz.AuthorizationPolicy;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.sanitize.SanitizerConfig;
import io.fhirguard.sanitize.SearchParameterValidator;
import io.fhirguard.sanitize.UnknownParameterMode;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.util.List;

/**
 * Core's own verdict on a raw request, computed outside the servlet with the default parser,
 * strict sanitizer and default authorization policy: what the filter must never turn into a
 * permit. Thread-safe.
 */
final class DecisionOracle {
    private final FhirRequestParser parser = FhirRequestParser.create(
            RequestParserConfig.builder().fhirContext(Target.FHIR).build());
    private final SearchParameterValidator sanitizer = SearchParameterValidator.create(
            SanitizerConfig.builder().fhirContext(Target.FHIR)
                    .unknownParameterMode(UnknownParameterMode.STRICT).build());
    private final AuthorizationPolicy policy = AuthorizationPolicy.create(
            AuthorizationConfig.builder().fhirContext(Target.FHIR).build());
    private final AccessToken token;

    DecisionOracle(String patient, List<String> scopes) {
        this.token = AccessToken.builder(CredentialKind.JWT, "0".repeat(64)).subject("user-1")
                .patient(patient).scopes(scopes).build();
    }

    /**
     * Tells whether core would permit the request for the patient token.
     *
     * @param method the HTTP method
     * @param path the path below the FHIR base, as sent
     * @param query the raw query, or null
     * @param contentType the content type, or null
     * @param body the body, or null
     * @return true when parsing, sanitizing and the decision all pass
     */
    boolean permits(String method, String path, String query, String contentType, byte[] body) {
        try {
            FhirRequest parsed = parser.parse(new RawRequest(method, path, query, contentType,
                    body));
            return policy.decide(token, sanitize(parsed)).isPermitted();
        } catch (FhirGuardException refused) {
            return false;
        }
    }

    private FhirRequest sanitize(FhirRequest request) {
        if (!request.entries().isEmpty()) {
            return request.toBuilder().entries(request.entries().stream().map(this::sanitize)
                    .toList()).build();
        }
        if (request.parameters().isEmpty() || request.interaction().isOperation()) {
            return request;
        }
        QueryParameters clean = sanitizer.validate(request.resourceType().orElse(null),
                request.parameters()).parameters();
        return request.toBuilder().parameters(clean).build();
    }
}
