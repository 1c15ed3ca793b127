package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.ClientAuthentication;
import io.fhirguard.token.CredentialKind;
import io.fhirguard.token.IntrospectionValidator;
import io.fhirguard.token.IntrospectionValidatorConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 7662 introspection with a bounded cache of active answers. Not API. */
public final class DefaultIntrospectionValidator implements IntrospectionValidator {
    private static final Logger log = LoggerFactory.getLogger(DefaultIntrospectionValidator.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final IntrospectionValidatorConfig config;
    private final HttpFetcher http;
    private final TokenCache<AccessToken> cache;
    private final StrictJson json = new StrictJson(16);

    /**
     * Creates the validator.
     *
     * @param config the configuration
     */
    public DefaultIntrospectionValidator(IntrospectionValidatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new HttpFetcher(config.connectTimeout(), config.readTimeout(),
                config.maxResponseBytes());
        this.cache = new TokenCache<>(config.cacheSize());
        config.revocationRegistry().ifPresent(r -> r.addChangeListener(cache::clear));
    }

    @Override
    public AccessToken validate(String credential) {
        Objects.requireNonNull(credential, "credential");
        if (credential.length() > config.maxTokenLength()) {
            throw FhirGuardException.of(Reason.TOKEN_TOO_LARGE, "the token is longer than "
                    + config.maxTokenLength() + " characters");
        }
        String fingerprint = Hashes.sha256Hex(credential);
        Instant now = config.clock().instant();
        AccessToken hit = cache.get(fingerprint, now);
        if (hit != null) {
            checkRevocation(hit);
            return hit;
        }

        Map<String, Object> answer = introspect(credential);
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            log.debug("Token refused: fp {} not active (token-inactive)",
                    fingerprint.substring(0, 12));
            throw FhirGuardException.of(Reason.TOKEN_INACTIVE, "the token is not active");
        }
        List<Problem> problems = new ArrayList<>();
        if (isRefreshToken(answer.get("token_type"))) {
            // RFC 7662 §2.2: an authorization server may introspect refresh tokens too, and
            // answers active for them; they are not bearer credentials for a resource server.
            problems.add(Problem.error(Reason.TOKEN_WRONG_TYPE,
                    "the token is a refresh token, not an access token"));
        }
        Claims claims = new Claims(answer, problems);
        claims.checkTimes(now, config.clockSkew(), config.isExpRequired());
        claims.checkAudience(config.audiences());
        config.issuer().filter(i -> !i.equals(answer.get("iss"))).ifPresent(i -> problems.add(
                Problem.error(Reason.TOKEN_UNTRUSTED_ISSUER, "the token issuer is not trusted")));
        AccessToken token = claims.toToken(CredentialKind.OPAQUE, fingerprint,
                config.roleClaim());
        if (!problems.isEmpty()) {
            log.debug("Token refused: fp {} {}", fingerprint.substring(0, 12), problems);
            throw Claims.refusal(problems);
        }

        checkRevocation(token);
        Instant until = now.plus(config.cacheTtl());
        if (token.expiresAt().isPresent() && token.expiresAt().get().isBefore(until)) {
            until = token.expiresAt().get();
        }
        cache.put(fingerprint, token, until, now);
        return token;
    }

    private Map<String, Object> introspect(String credential) {
        StringBuilder form = new StringBuilder("token=").append(encode(credential))
                .append("&token_type_hint=access_token");
        Map<String, String> headers = Map.of();
        String secret = new String(config.clientSecret(), StandardCharsets.UTF_8);
        if (config.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_BASIC) {
            // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
            String pair = encode(config.clientId()) + ":" + encode(secret);
            headers = Map.of("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(config.clientId()))
                    .append("&client_secret=").append(encode(secret));
        }
        HttpFetcher.Response r;
        try {
            r = http.post(config.endpoint(), form.toString().getBytes(StandardCharsets.UTF_8),
                    headers);
        } catch (IOException e) {
            throw unavailable(e.getClass().getSimpleName(), e);
        }
        if (r.status() != 200) {
            throw unavailable("HTTP " + r.status(), null);
        }
        try {
            return json.parseObject(r.body());
        } catch (StrictJson.JsonException e) {
            throw unavailable("answer is " + e.getMessage(), e);
        }
    }

    private static boolean isRefreshToken(Object tokenType) {
        return tokenType instanceof String t && (t.equalsIgnoreCase("refresh_token")
                || t.equalsIgnoreCase("urn:ietf:params:oauth:token-type:refresh_token"));
    }

    private void checkRevocation(AccessToken token) {
        if (config.revocationRegistry().map(r -> r.isRevoked(token)).orElse(false)) {
            throw FhirGuardException.of(Reason.TOKEN_REVOKED, "the token has been revoked");
        }
    }

    private FhirGuardException unavailable(String why, Throwable cause) {
        log.error("Introspection at {} failed: {}; tokens get 503"
                + " (token-introspection-unavailable)", config.endpoint(), why);
        return FhirGuardException.builder(Reason.TOKEN_INTROSPECTION_UNAVAILABLE,
                "the token cannot be checked right now; try again later")
                .retryAfter(RETRY_AFTER).cause(cause).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
