package io.fhirguard.servlet;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.audit.AuditSink;
import io.fhirguard.authz.AuthorizationConfig;
import io.fhirguard.ratelimit.RateLimitConfig;
import io.fhirguard.ratelimit.RateLimiterStore;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.RequestParserConfig;
import io.fhirguard.sanitize.SanitizerConfig;
import io.fhirguard.servlet.internal.GuardPipeline;
import io.fhirguard.servlet.internal.PartsFactory;
import io.fhirguard.servlet.internal.RefusalWriter;
import io.fhirguard.servlet.internal.SettingsLoader;
import io.fhirguard.token.ApiKeyConfig;
import io.fhirguard.token.InMemoryRevocationRegistry;
import io.fhirguard.token.TokenValidator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet filter that puts fhir-guard in front of a FHIR REST server: every request
 * is checked before the server sees it, and responses that need it are checked before the
 * client sees them.
 *
 * <p>Map it to the same URL pattern as the FHIR servlet (for example {@code /fhir/*}); paths
 * are read relative to that servlet's path. Per request, in this order:
 * <ol>
 *   <li>security headers ({@code X-Content-Type-Options}, {@code Cache-Control: no-store},
 *       {@code Pragma}, {@code Content-Security-Policy}, {@code Referrer-Policy}, and HSTS on
 *       secure requests) and an {@code X-Request-Id};</li>
 *   <li>CORS: preflights from configured origins are answered, others refused;</li>
 *   <li>public paths ({@link FhirGuardSettings#publicPaths()}, GET and HEAD only) and SMART
 *       discovery at {@code .well-known/smart-configuration} are served without a credential,
 *       counted against the per-address limit;</li>
 *   <li>the bearer token from the {@code Authorization} header (RFC 6750 §2.1); a second
 *       credential or an {@code access_token} parameter is a 400 {@code invalid_request};</li>
 *   <li>the per-address limit for requests without a valid credential; token validation
 *       (401 {@code invalid_token}, or 503 when the key server or introspection endpoint is
 *       down: never a pass); the per-client limit (429 with {@code Retry-After});</li>
 *   <li>parsing of path, query, {@code _search} form body and batch/transaction Bundle, and
 *       typed checking of search parameters (400 with every problem);</li>
 *   <li>the authorization decision (403, with {@code insufficient_scope} and the needed
 *       {@code scope} where a scope is missing); a narrowed request reaches the server through
 *       a wrapper whose query string and {@code getParameter*} agree;</li>
 *   <li>the server; then, where the decision asks for it, the response check: an invisible
 *       read becomes 404, invisible search entries are removed, an unparseable or oversized
 *       response is refused with 502 ({@link FhirGuardSettings#maxResponseBufferBytes()});</li>
 *   <li>exactly one audit event.</li>
 * </ol>
 *
 * <p>Every refusal is an {@code OperationOutcome} (JSON, or XML when {@code _format} or
 * {@code Accept} asks), never a stack trace. Anything unexpected inside the filter is a 500,
 * logged at ERROR with the request id that the response also carries.
 *
 * <p>Three ways to configure it, all checked at start with every problem listed:
 * <pre>{@code
 * // 1. programmatically
 * FhirGuardFilter filter = FhirGuardFilter.builder()
 *         .settings(FhirGuardSettings.builder()
 *                 .issuer("https://auth.example.org")
 *                 .audience("https://fhir.example.org")
 *                 .build())
 *         .build();
 * // 2. from FHIRGUARD_* environment variables and fhirguard.* system properties
 * FhirGuardFilter filter = FhirGuardFilter.builder()
 *         .settings(FhirGuardSettings.fromEnvironment().build())
 *         .build();
 * // 3. in web.xml: <filter-class>io.fhirguard.servlet.FhirGuardFilter</filter-class> with
 * //    init parameters named as in docs/configuration.md (environment as fallback)
 * }</pre>
 *
 * <p>The downstream server sees a {@link TokenPrincipal} in {@code getUserPrincipal()},
 * {@code isUserInRole} answers from the token's roles, and the request attributes
 * {@link #ACCESS_TOKEN_ATTRIBUTE} and {@link #ACCESS_DECISION_ATTRIBUTE} hold the validated
 * token and the decision. Thread-safe once initialised.
 *
 * @since 1.0
 */
public final class FhirGuardFilter implements Filter {
    /** Request attribute holding the validated {@link io.fhirguard.token.AccessToken}. */
    public static final String ACCESS_TOKEN_ATTRIBUTE = "io.fhirguard.accessToken";
    /** Request attribute holding the {@link io.fhirguard.authz.AccessDecision} for the request. */
    public static final String ACCESS_DECISION_ATTRIBUTE = "io.fhirguard.accessDecision";

    private static final Logger log = LoggerFactory.getLogger(FhirGuardFilter.class);

    private volatile GuardPipeline pipeline;
    private final RefusalWriter notReady = new RefusalWriter(
            OperationOutcomeMapper.create(FhirContext.forR4Cached()), "fhir",
            Duration.ofSeconds(30));

    /**
     * Creates a filter that configures itself in {@link #init(FilterConfig)} from its init
     * parameters, then {@code fhirguard.*} system properties, then {@code FHIRGUARD_*}
     * environment variables. This is the constructor a {@code web.xml} declaration uses.
     */
    public FhirGuardFilter() {
    }

    private FhirGuardFilter(GuardPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Starts a programmatic configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures the filter from init parameters, system properties and environment variables,
     * unless it was built already configured.
     *
     * @param config the filter's configuration
     * @throws ServletException listing every configuration problem; the filter then serves
     *     nothing (every request would get 503 {@code guard-not-ready})
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (pipeline != null) {
            log.info("fhir-guard filter started");
            return;
        }
        try {
            FhirGuardSettings settings = SettingsLoader.load(config::getInitParameter,
                    System::getProperty, System::getenv).build();
            pipeline = builder().settings(settings).buildPipeline();
            log.info("fhir-guard filter started from init parameters and environment");
        } catch (IllegalArgumentException e) {
            log.error("fhir-guard filter not started, it refuses every request: {}",
                    e.getMessage());
            throw new ServletException(e.getMessage());
        }
    }

    /**
     * Runs the fhir-guard pipeline on one request. A filter that did not start answers 503
     * {@code guard-not-ready} and passes nothing on.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException when the client went away, or for a non-HTTP request (never passed
     *     on)
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException {
        GuardPipeline running = pipeline;
        if (!(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse httpResponse)) {
            throw new IOException("fhir-guard handles HTTP requests only");
        }
        if (running == null) {
            notReady.write(http, httpResponse, FhirGuardException.of(Reason.GUARD_NOT_READY,
                    "The server is not ready"));
            return;
        }
        running.handle(http, httpResponse, chain);
    }

    /** Stops background work (key refresh) and flushes the audit sink. */
    @Override
    public void destroy() {
        GuardPipeline running = pipeline;
        pipeline = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Builds a {@link FhirGuardFilter}: plain settings plus optional replacements for the
     * components fhir-guard would otherwise make from them. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final PartsFactory parts = new PartsFactory();

        private Builder() {
        }

        /**
         * Sets the plain settings (required).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(FhirGuardSettings settings) {
            parts.settings = settings;
            return this;
        }

        /**
         * Sets the FHIR context. Default: R4. Only R4 is supported.
         *
         * @param context an R4 context
         * @return this builder
         */
        public Builder fhirContext(FhirContext context) {
            parts.fhirContext = context;
            return this;
        }

        /**
         * Sets the clock for token times, rate limits and audit. Default: the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            parts.clock = clock;
            return this;
        }

        /**
         * Replaces the JWT validator made from {@code issuer}, {@code audience} and
         * {@code jwksUri} (for example with an introspection or API-key validator). Then
         * {@code issuer} and {@code audience} are not required.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder tokenValidator(TokenValidator validator) {
            parts.tokenValidator = validator;
            return this;
        }

        /**
         * Also accepts API keys, sent in their own header ({@link ApiKeyConfig#headerName()},
         * default {@code X-API-Key}) instead of a bearer token. A request carrying both is
         * refused with 400 {@code credential-duplicated}. Off unless called.
         *
         * @param config the accepted keys (stored as SHA-256 hashes)
         * @return this builder
         */
        public Builder apiKeys(ApiKeyConfig config) {
            parts.apiKeys = config;
            return this;
        }

        /**
         * Sets the revocation registry the JWT validator consults and the admin endpoint
         * writes to. Default: a new in-memory registry. Required with the admin endpoint when
         * a custom {@link #tokenValidator(TokenValidator)} is given (it must consult the same
         * registry).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder revocationRegistry(InMemoryRevocationRegistry registry) {
            parts.revocationRegistry = registry;
            return this;
        }

        /**
         * Replaces the request parser's limits. Default: core's defaults with this filter's
         * FHIR context.
         *
         * @param config the parser configuration
         * @return this builder
         */
        public Builder requestParserConfig(RequestParserConfig config) {
            parts.parserConfig = config;
            return this;
        }

        /**
         * Replaces the search-parameter checks. Default: core's defaults, strict unless
         * {@link FhirGuardSettings#lenientParameters()}.
         *
         * @param config the sanitizer configuration
         * @return this builder
         */
        public Builder sanitizerConfig(SanitizerConfig config) {
            parts.sanitizerConfig = config;
            return this;
        }

        /**
         * Replaces the authorization configuration (role mapping, client ceilings, operation
         * rules). Default: core's defaults.
         *
         * @param config the authorization configuration
         * @return this builder
         */
        public Builder authorizationConfig(AuthorizationConfig config) {
            parts.authorizationConfig = config;
            return this;
        }

        /**
         * Replaces the rate-limit configuration made from the settings' limits.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder rateLimitConfig(RateLimitConfig config) {
            parts.rateLimitConfig = config;
            return this;
        }

        /**
         * Replaces the in-memory rate-limit store, for example with a distributed one.
         *
         * @param store the store
         * @return this builder
         */
        public Builder rateLimiterStore(RateLimiterStore store) {
            parts.rateLimiterStore = store;
            return this;
        }

        /**
         * Sets where audit events go. Default: a JSON-lines sink on the
         * {@code fhirguard.audit} SLF4J logger. The filter closes the sink on
         * {@link FhirGuardFilter#destroy()}.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder auditSink(AuditSink sink) {
            parts.auditSink = sink;
            return this;
        }

        /**
         * Checks everything and builds a ready filter.
         *
         * @return the filter; its {@code init} does nothing more
         * @throws IllegalArgumentException listing every problem found
         */
        public FhirGuardFilter build() {
            return new FhirGuardFilter(buildPipeline());
        }

        GuardPipeline buildPipeline() {
            return new GuardPipeline(parts.create());
        }
    }
}
