package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import io.fhirguard.token.JwtValidator;
import io.fhirguard.token.JwtValidatorConfig;
import io.fhirguard.token.RevocationRegistry;
import io.fhirguard.token.TrustedIssuer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.jwk.PublicJsonWebKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JWT validation pipeline; see {@link JwtValidator} for the order of checks. Not API. */
public final class DefaultJwtValidator implements JwtValidator {
    private static final Logger log = LoggerFactory.getLogger(DefaultJwtValidator.class);

    private final JwtValidatorConfig config;
    private final Map<String, IssuerKeys> issuers = new HashMap<>();
    private final TokenCache<Verified> cache;
    private final StrictJson json;
    private final ExecutorService ownExecutor;

    private record Verified(AccessToken token, IssuerKeys issuer, PublicJsonWebKey key) {
    }

    /**
     * Creates the validator.
     *
     * @param config the configuration
     */
    public DefaultJwtValidator(JwtValidatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.cache = new TokenCache<>(config.verifiedCacheSize());
        this.json = new StrictJson(config.maxJsonDepth());
        boolean anyRemote = config.issuers().stream().anyMatch(
                i -> i.jwksUri().isPresent() || i.discovery().isPresent());
        this.ownExecutor = config.refreshExecutor().isPresent() || !anyRemote ? null
                : Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "fhir-guard-jwks-refresh");
                    t.setDaemon(true);
                    return t;
                });
        HttpFetcher http = new HttpFetcher(config.connectTimeout(), config.readTimeout(),
                config.maxResponseBytes());
        for (TrustedIssuer i : config.issuers()) {
            JwksCache remote = i.staticKeys().isPresent()
                    || (i.jwksUri().isEmpty() && i.discovery().isEmpty()) ? null
                    : new JwksCache(i, config, http,
                            config.refreshExecutor().orElse(ownExecutor));
            issuers.put(i.issuer(), new IssuerKeys(i, remote));
        }
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
        Verified hit = cache.get(fingerprint, now);
        if (hit != null && hit.issuer().stillHolds(hit.key())) {
            checkRevocation(hit.token());
            return hit.token();
        }

        JwsParts jws = JwsParts.parse(credential, json);
        IssuerKeys issuer = trustedIssuer(jws);
        List<Problem> problems = new ArrayList<>();
        String alg = issuer.checkHeader(jws.header(), problems);
        Claims claims = new Claims(jws.claims(), problems);
        checkClaims(issuer.config(), claims, now);
        if (!problems.isEmpty()) {
            throw rejected(Claims.refusal(problems), fingerprint);
        }

        PublicJsonWebKey key = issuer.verify(jws, alg);
        AccessToken token = claims.toToken(CredentialKind.JWT, fingerprint,
                issuer.config().roleClaim());
        checkRevocation(token);
        cache.put(fingerprint, new Verified(token, issuer, key),
                token.expiresAt().orElse(now), now);
        log.debug("Token accepted: jti {} fp {} iss {}", token.jti().orElse("-"),
                token.shortFingerprint(), issuer.config().issuer());
        return token;
    }

    private IssuerKeys trustedIssuer(JwsParts jws) {
        Object iss = jws.claims().get("iss");
        if (!(iss instanceof String name)) {
            throw FhirGuardException.of(Reason.TOKEN_UNTRUSTED_ISSUER,
                    "the iss claim is missing or not a string");
        }
        IssuerKeys issuer = issuers.get(name);
        if (issuer != null) {
            return issuer;
        }
        String other = name.endsWith("/") ? name.substring(0, name.length() - 1) : name + "/";
        String description = issuers.containsKey(other)
                ? "the token issuer differs from a trusted issuer only by a trailing slash;"
                        + " issuers are compared exactly"
                : "the token issuer is not trusted";
        throw FhirGuardException.of(Reason.TOKEN_UNTRUSTED_ISSUER, description);
    }

    private void checkClaims(TrustedIssuer issuer, Claims claims, Instant now) {
        claims.checkTimes(now, issuer.clockSkew(), true);
        claims.checkAudience(issuer.audiences());
        if (issuer.isRfc9068()) {
            claims.require("sub", "client_id", "iat", "jti");
        }
        claims.string("sub");
        claims.string("jti");
        claims.string("client_id");
        claims.scopes();
        claims.roles(issuer.roleClaim());
        claims.fhirContext();
        for (String name : List.of("patient", "encounter", "fhirUser", "azp")) {
            claims.string(name);
        }
    }

    private void checkRevocation(AccessToken token) {
        RevocationRegistry registry = config.revocationRegistry().orElse(null);
        if (registry != null && registry.isRevoked(token)) {
            log.debug("Token refused: jti {} fp {} revoked (token-revoked)",
                    token.jti().orElse("-"), token.shortFingerprint());
            throw FhirGuardException.of(Reason.TOKEN_REVOKED, "the token has been revoked");
        }
    }

    private static FhirGuardException rejected(FhirGuardException e, String fingerprint) {
        log.debug("Token refused: fp {} {}", fingerprint.substring(0, 12), e.problems());
        return e;
    }

    @Override
    public int refreshKeys() {
        int done = 0;
        for (IssuerKeys i : issuers.values()) {
            if (i.refresh()) {
                done++;
            }
        }
        return done;
    }

    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
