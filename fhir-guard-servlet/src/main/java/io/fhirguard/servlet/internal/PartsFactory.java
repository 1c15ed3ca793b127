package io.fhirguard.servlet.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import io.fhirguard.audit.AuditSink;
import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.authz.AuthorizationPolicy;
import io.fhirguard.ratelimit.ClientAddressResolver;
import io.fhirguard.ratelimit.RateLimitConfig;
import io.fhirguard.ratelimit.RateLimitPolicy;
import io.fhirguard.ratelimit.RateLimitTier;
import io.fhirguard.ratelimit.RateLimiterStore;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.sanitize.SanitizerConfig;
import io.fhirguard.sanitize.SearchParameterValidator;
import io.fhirguard.sanitize.UnknownParameterMode;
import io.fhirguard.servlet.FhirGuardSettings;
import io.fhirguard.token.ApiKeyConfig;
import io.fhirguard.token.ApiKeyValidator;
import io.fhirguard.token.InMemoryRevocationRegistry;
import io.fhirguard.token.JwtValidator;
import io.fhirguard.token.JwtValidatorConfig;
import io.fhirguard.token.KeyDiscovery;
import io.fhirguard.token.TokenValidator;
import io.fhirguard.token.TrustedIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the core components of a pipeline from settings and the caller's replacements,
 * collecting every problem before failing, so that one start-up error lists them all.
 * Holds builder state: not thread-safe.
 */
public final class PartsFactory {
    private static final Logger log = LoggerFactory.getLogger(PartsFactory.class);

    /** The plain settings; required. */
    public FhirGuardSettings settings;
    /** The FHIR context, or null for R4. */
    public FhirContext fhirContext;
    /** The clock, or null for the system UTC clock. */
    public Clock clock;
    /** A replacement token validator, or null. */
    public TokenValidator tokenValidator;
    /** A revocation registry, or null for a new one. */
    public InMemoryRevocationRegistry revocationRegistry;
    /** A replacement parser configuration, or null. */
    public RequestParserConfig parserConfig;
    /** A replacement sanitizer configuration, or null. */
    public SanitizerConfig sanitizerConfig;
    /** A replacement authorization configuration, or null. */
    public AuthorizationConfig authorizationConfig;
    /** A replacement rate-limit configuration, or null. */
    public RateLimitConfig rateLimitConfig;
    /** A replacement rate-limit store, or null. */
    public RateLimiterStore rateLimiterStore;
    /** A replacement audit sink, or null. */
    public AuditSink auditSink;
    /** API keys accepted in their own header, or null for none. */
    public ApiKeyConfig apiKeys;

    /**
     * Makes every component.
     *
     * @return the parts
     * @throws IllegalArgumentException listing every problem found
     */
    public PipelineParts create() {
        List<String> problems = new ArrayList<>();
        if (settings == null) {
            throw new IllegalArgumentException("invalid fhir-guard configuration: settings: "
                    + "required");
        }
        FhirContext context = fhirContext == null ? FhirContext.forR4Cached() : fhirContext;
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            problems.add("fhirContext: only FHIR R4 is supported, got "
                    + context.getVersion().getVersion());
        }
        Clock time = clock == null ? Clock.systemUTC() : clock;
        List<AutoCloseable> closeables = new ArrayList<>();
        InMemoryRevocationRegistry registry = revocationRegistry != null ? revocationRegistry
                : InMemoryRevocationRegistry.create(time);
        if (tokenValidator != null && revocationRegistry == null
                && settings.revocationEndpointEnabled()) {
            problems.add("revocationRegistry: required with revocationEndpointEnabled when a "
                    + "custom tokenValidator is given (it must consult the same registry)");
        }

        TokenValidator tokens = tokenValidator != null ? tokenValidator
                : attempt(problems, () -> jwtValidator(time, registry, closeables));
        RateLimitConfig limits = rateLimitConfig != null ? rateLimitConfig
                : attempt(problems, () -> rateLimits(time));
        RateLimitPolicy rateLimits = limits == null ? null : rateLimiterStore != null
                ? RateLimitPolicy.of(limits, rateLimiterStore) : RateLimitPolicy.inMemory(limits);
        ClientAddressResolver addresses = limits == null ? null
                : attempt(problems, () -> ClientAddressResolver.of(limits));
        FhirRequestParser parser = attempt(problems, () -> FhirRequestParser.create(
                parserConfig != null ? parserConfig
                        : RequestParserConfig.builder().fhirContext(context).build()));
        SearchParameterValidator sanitizer = attempt(problems, () ->
                SearchParameterValidator.create(sanitizerConfig != null ? sanitizerConfig
                        : SanitizerConfig.builder().fhirContext(context)
                                .unknownParameterMode(settings.lenientParameters()
                                        ? UnknownParameterMode.LENIENT
                                        : UnknownParameterMode.STRICT).build()));
        ApiKeyValidator keys = apiKeys == null ? null
                : attempt(problems, () -> ApiKeyValidator.create(apiKeys));
        if (apiKeys != null && apiKeys.headerName().equalsIgnoreCase("Authorization")) {
            problems.add("apiKeys: the header must not be Authorization, which carries bearer "
                    + "tokens");
        }
        AuthorizationPolicy authorization = attempt(problems, () -> AuthorizationPolicy.create(
                authorizationConfig != null ? authorizationConfig
                        : AuthorizationConfig.builder().fhirContext(context).build()));
        if (!problems.isEmpty()) {
            closeAll(closeables);
            throw new IllegalArgumentException("invalid fhir-guard configuration ("
                    + problems.size() + "): " + String.join("; ", problems));
        }

        AuditSink sink = auditSink != null ? auditSink : JsonLinesAuditSink.builder().build();
        closeables.add(sink);
        warnAboutRisks();
        return new PipelineParts(settings, context, time, tokens, addresses, rateLimits, parser,
                sanitizer, authorization, sink, OperationOutcomeMapper.create(context),
                Optional.of(registry), Optional.ofNullable(keys),
                Optional.ofNullable(apiKeys).map(ApiKeyConfig::headerName),
                List.copyOf(closeables));
    }

    private TokenValidator jwtValidator(Clock time, InMemoryRevocationRegistry registry,
            List<AutoCloseable> closeables) {
        List<String> missing = new ArrayList<>();
        if (settings.issuer().isEmpty()) {
            missing.add("issuer: required unless a tokenValidator is given");
        }
        if (settings.audience().isEmpty()) {
            missing.add("audience: required unless a tokenValidator is given");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        TrustedIssuer.Builder issuer = TrustedIssuer.builder(settings.issuer().get())
                .audiences(settings.audience().toArray(String[]::new))
                .clockSkew(settings.clockSkew());
        settings.jwksUri().ifPresentOrElse(issuer::jwksUri,
                () -> issuer.discovery(KeyDiscovery.OPENID_CONFIGURATION));
        JwtValidator validator = JwtValidator.create(JwtValidatorConfig.builder()
                .issuer(issuer.build()).clock(time).revocationRegistry(registry).build());
        closeables.add(validator);
        return validator;
    }

    private RateLimitConfig rateLimits(Clock time) {
        // Idle keys must outlive the longest period, or an exhausted budget would be forgotten.
        Duration idle = Collections.max(List.of(Duration.ofMinutes(10),
                settings.clientRateLimitPeriod(), settings.unauthenticatedRateLimitPeriod()));
        return RateLimitConfig.builder()
                .idleEviction(idle)
                .defaultTier(RateLimitTier.of("default", settings.clientRateLimit(),
                        settings.clientRateLimitPeriod()))
                .unauthenticatedTier(RateLimitTier.of("unauthenticated",
                        settings.unauthenticatedRateLimit(),
                        settings.unauthenticatedRateLimitPeriod()))
                .trustedProxies(settings.trustedProxies())
                .clock(time)
                .build();
    }

    private void warnAboutRisks() {
        if (settings.corsAllowedOrigins().contains("*")) {
            log.warn("CORS allows every origin (corsAllowedOrigins=*)");
        }
        if (settings.lenientParameters()) {
            log.warn("unknown search parameters are dropped, not refused (lenientParameters)");
        }
    }

    private static <T> T attempt(List<String> problems, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
