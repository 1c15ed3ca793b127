package io.fhirguard.client.internal;

import io.fhirguard.client.AuthorizationServerMetadata;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticated form calls to the token, revocation and other endpoints of one server. */
public final class TokenEndpoint {
    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final Set<String> KNOWN = Set.of("access_token", "token_type", "expires_in",
            "refresh_token", "scope", "id_token");

    private final AuthorizationServerMetadata metadata;
    private final ClientAuthentication authentication;
    private final HttpTransport transport;
    private final Clock clock;

    /** Creates calls for one server and client. */
    public TokenEndpoint(AuthorizationServerMetadata metadata,
            ClientAuthentication authentication, HttpTransport transport, Clock clock) {
        this.metadata = metadata;
        this.authentication = authentication;
        this.transport = transport;
        this.clock = clock;
    }

    /** Requests a token with the given grant parameters and parses the answer. */
    public TokenResponse requestToken(Map<String, String> grant) {
        JsonResponse response = post(metadata.tokenEndpoint(), grant);
        if (!response.isSuccess()) {
            OAuthClientException error = response.toError(
                    "token request (" + grant.get("grant_type") + ")");
            log.debug("Token request refused: grant {}, HTTP {}, error {}",
                    grant.get("grant_type"), response.status(), error.error().orElse("none"));
            throw error;
        }
        TokenResponse token = parse(response);
        log.debug("Token obtained: grant {}, fingerprint {}, expires_in {}",
                grant.get("grant_type"), RandomValues.fingerprint(token.accessToken()),
                token.expiresIn().map(Duration::toSeconds).orElse(null));
        return token;
    }

    /** Posts an authenticated form to any endpoint of this server. */
    public JsonResponse post(URI endpoint, Map<String, String> parameters) {
        FormRequest request = new FormRequest(endpoint, metadata.issuer());
        request.form.putAll(parameters);
        authentication.authenticate(request);
        return transport.postForm(endpoint, request.form, request.headers);
    }

    private TokenResponse parse(JsonResponse response) {
        String accessToken = response.string("access_token").orElseThrow(() ->
                invalid("token response has no access_token"));
        String type = response.string("token_type").orElseThrow(() ->
                invalid("token response has no token_type"));
        if (!"bearer".equalsIgnoreCase(type)) {
            throw invalid("token_type " + type.replaceAll("[^A-Za-z0-9_-]", "?")
                    + " is not supported; only Bearer tokens are");
        }
        TokenResponse.Builder builder = TokenResponse.builder(accessToken, clock.instant())
                .expiresIn(expiresIn(response.body().get("expires_in")))
                .refreshToken(response.string("refresh_token").orElse(null))
                .idToken(response.string("id_token").orElse(null))
                .scopes(response.string("scope").map(TokenEndpoint::splitScopes)
                        .orElse(List.of()));
        response.body().forEach((name, value) -> {
            if (!KNOWN.contains(name)) {
                builder.parameter(name, value);
            }
        });
        return builder.build();
    }

    private static Duration expiresIn(Object value) {
        if (value == null) {
            return null;
        }
        long seconds;
        try {
            seconds = value instanceof Number n ? n.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw invalid("expires_in is not a number");
        }
        if (seconds <= 0) {
            throw invalid("expires_in is " + seconds + "; it must be positive");
        }
        // A lifetime past the Instant range (1e30) would fail when the expiry is computed, after
        // the token was half stored; no real server means more than 68 years.
        if (seconds > Integer.MAX_VALUE) {
            throw invalid("expires_in is larger than " + Integer.MAX_VALUE + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    static List<String> splitScopes(String scope) {
        return Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty()).toList();
    }

    private static OAuthClientException invalid(String message) {
        return OAuthClientException.of(Category.INVALID_RESPONSE, message);
    }
}
