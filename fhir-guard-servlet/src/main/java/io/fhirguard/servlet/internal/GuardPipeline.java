package io.fhirguard.servlet.internal;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.fhirguard.authz.AccessDecision;
import io.fhirguard.ratelimit.RateLimitResult;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.request.RawRequest;
import io.fhirguard.sanitize.SanitizedParameters;
import io.fhirguard.sanitize.SearchParameterValidator;
import io.fhirguard.servlet.FhirGuardFilter;
import io.fhirguard.servlet.FhirGuardSettings;
import io.fhirguard.servlet.TokenPrincipal;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.TokenValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-request work of {@link FhirGuardFilter}, in the order the filter documents: security
 * headers, CORS, public paths, credential, per-address limit, token validation, per-client
 * limit, parsing and sanitizing, the authorization decision, the downstream call (with the
 * narrowed request), the response check, and exactly one audit event. Any failure it did not
 * expect becomes a 500 {@code OperationOutcome} (fail closed), logged with the request id.
 * Thread-safe; one instance serves every request.
 */
public final class GuardPipeline implements AutoCloseable {
    /** The response header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String SMART_PATH = ".well-known/smart-configuration";
    // A checked response must arrive whole: a 304 has no body to check (and tells the caller
    // the resource exists, in the version named), and a compressed one cannot be parsed.
    static final Set<String> CHECKED_HIDDEN_HEADERS = Set.of("If-None-Match",
            "If-Modified-Since", "Accept-Encoding");

    private static final Logger log = LoggerFactory.getLogger(GuardPipeline.class);

    private final PipelineParts parts;
    private final FhirGuardSettings settings;
    private final Clock clock;
    private final SecurityHeaders headers;
    private final CorsPolicy cors;
    private final BearerCredentialResolver bearer = new BearerCredentialResolver();
    private final RequestBodies bodies;
    private final RefusalWriter refusals;
    private final ResponseChecker checker;
    private final BatchRewriter batches;
    private final AuditRecorder audit;
    private final SmartConfigurationEndpoint smart;
    private final Optional<RevocationEndpoint> revocation;

    /**
     * Creates the pipeline.
     *
     * @param parts the checked core components and settings
     */
    public GuardPipeline(PipelineParts parts) {
        this.parts = parts;
        this.settings = parts.settings();
        this.clock = parts.clock();
        this.headers = new SecurityHeaders(settings.hstsMaxAge());
        this.cors = new CorsPolicy(settings.corsAllowedOrigins(), settings.corsMaxAge());
        this.bodies = new RequestBodies(settings.maxRequestBodyBytes());
        this.refusals = new RefusalWriter(parts.outcomes(), settings.realm(),
                settings.outageRetryAfter());
        this.checker = new ResponseChecker(parts.fhirContext());
        this.batches = new BatchRewriter(parts.fhirContext(), parts.outcomes());
        this.audit = new AuditRecorder(parts.auditSink(), clock);
        this.smart = new SmartConfigurationEndpoint(settings, clock);
        this.revocation = settings.revocationEndpointEnabled()
                ? Optional.of(new RevocationEndpoint(parts.revocationRegistry().orElseThrow(),
                        settings.revocationAdminScope().orElseThrow(), clock))
                : Optional.empty();
    }

    /**
     * Handles one request.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException when the client went away while the response was written
     */
    public void handle(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException {
        Exchange x = new Exchange(UUID.randomUUID().toString(), clock.instant());
        try {
            run(x, request, response, chain);
        } catch (FhirGuardException e) {
            refuse(x, request, response, e);
        } catch (IOException | ServletException | RuntimeException e) {
            StackTraceElement[] at = e.getStackTrace();
            log.error("request {} failed inside fhir-guard, refused with 500: {} at {}",
                    x.requestId, e.getClass().getName(), at.length == 0 ? "?" : at[0]);
            refuse(x, request, response, FhirGuardException.builder(Reason.INTERNAL_ERROR,
                    "The request could not be processed; reference " + x.requestId)
                    .cause(e).build());
        } finally {
            if (x.status == 0) {
                x.status = response.getStatus();
            }
            audit.record(x, request);
        }
    }

    private void run(Exchange x, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        decorate(x, request, response);
        if (answeredPreflight(x, request, response)) {
            return;
        }

        String path = basePath(request);
        x.clientAddress = parts.addresses().resolve(request.getRemoteAddr(),
                headerValues(request, "Forwarded"), headerValues(request, "X-Forwarded-For"));
        if (isPublic(request, path)) {
            servePublic(x, request, response, chain, path);
            return;
        }

        // Only a form body can hide a second credential; other bodies wait until the caller
        // is authenticated, so an anonymous client cannot make the filter read megabytes.
        boolean form = RequestBodies.isForm(request.getContentType());
        byte[] formBody = form ? bodies.read(request) : null;
        x.token = authenticate(x, request, formBody);
        limitClient(x, response);

        byte[] body = form ? formBody : bodies.read(request);
        if (revocation.isPresent() && path.equals(settings.revocationPath())) {
            serveRevocation(x, request, response, body);
            return;
        }

        if (request.getHeader("If-None-Exist") != null) {
            // The server would run this search for the client and answer with what it found.
            throw FhirGuardException.of(Reason.REQUEST_CONDITIONAL_CREATE_UNSUPPORTED,
                    "Conditional create (If-None-Exist) is not supported");
        }
        // HAPI FHIR takes a PUT's Content-Location as the resource id in place of the URL's, so
        // a conditional update checked against its URL would overwrite the resource it names.
        if (request.getHeader("Content-Location") != null) {
            throw FhirGuardException.of(Reason.REQUEST_HEADER_NOT_ALLOWED,
                    "Content-Location is not accepted on a request");
        }
        FhirRequest parsed = withWrittenResource(parts.parser().parse(new RawRequest(
                request.getMethod(), path, request.getQueryString(), request.getContentType(),
                body)), body, request.getContentType());
        AccessDecision decision = decide(x, request, parsed);
        forward(x, request, response, chain, parsed, decision, body);
    }

    // The request parser leaves the body of a top-level create or update alone; without it the
    // decision cannot tell whose resource is written and refuses patient-scoped writes. Parse
    // it here, with the server's own FHIR parser, so the decision can check it.
    private FhirRequest withWrittenResource(FhirRequest parsed, byte[] body, String type) {
        Interaction i = parsed.interaction();
        boolean write = i == Interaction.CREATE || i == Interaction.UPDATE;
        if (!write || parsed.body().isPresent() || body == null || body.length == 0) {
            return parsed;
        }
        String media = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        IParser parser = media.contains("json") ? parts.fhirContext().newJsonParser()
                : media.contains("xml") ? parts.fhirContext().newXmlParser() : null;
        if (parser == null) {
            throw FhirGuardException.of(Reason.REQUEST_UNSUPPORTED_MEDIA_TYPE,
                    "A resource must be sent as FHIR JSON or XML");
        }
        try {
            return parsed.toBuilder().body(parser.parseResource(
                    new String(body, StandardCharsets.UTF_8))).build();
        } catch (DataFormatException e) {
            throw FhirGuardException.builder(Reason.REQUEST_BODY_NOT_FHIR,
                    "The body is not a FHIR resource").cause(e).build();
        }
    }

    private boolean answeredPreflight(Exchange x, HttpServletRequest request,
            HttpServletResponse response) {
        CorsPolicy.Preflight preflight = cors.apply(request, response);
        if (preflight == CorsPolicy.Preflight.REFUSED) {
            throw FhirGuardException.of(Reason.CORS_ORIGIN_NOT_ALLOWED,
                    "The origin is not allowed");
        }
        if (preflight == CorsPolicy.Preflight.ANSWERED) {
            x.status = HttpServletResponse.SC_NO_CONTENT;
            return true;
        }
        return false;
    }

    private AccessToken authenticate(Exchange x, HttpServletRequest request, byte[] formBody) {
        Optional<String> bearerToken = bearer.resolve(request.getHeaders("Authorization"),
                request.getQueryString(), formBody);
        Optional<String> apiKey = apiKey(request, bearerToken.isPresent());
        return apiKey.isPresent()
                ? authenticate(x, apiKey, parts.apiKeys().orElseThrow())
                : authenticate(x, bearerToken, parts.tokens());
    }

    private void limitClient(Exchange x, HttpServletResponse response) {
        x.rateLimit = parts.rateLimits().acquire(x.token, x.clientAddress);
        rateLimitHeaders(x, response);
        if (!x.rateLimit.isPermitted()) {
            throw x.rateLimit.toRefusal();
        }
    }

    private AccessDecision decide(Exchange x, HttpServletRequest request, FhirRequest parsed) {
        FhirRequest checked = Sanitizing.sanitize(parts.sanitizer(), parsed, x.warnings);
        x.request = checked;
        AccessDecision decision = parts.authorization().decide(x.token, checked);
        x.decision = decision;
        if (!decision.isPermitted()) {
            throw decision.toRefusal();
        }
        x.request = decision.request();
        request.setAttribute(FhirGuardFilter.ACCESS_TOKEN_ATTRIBUTE, x.token);
        request.setAttribute(FhirGuardFilter.ACCESS_DECISION_ATTRIBUTE, decision);
        return decision;
    }

    private void serveRevocation(Exchange x, HttpServletRequest request,
            HttpServletResponse response, byte[] body) throws IOException {
        String done = revocation.orElseThrow().revoke(x.token, request.getMethod(), body);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(done);
        writeJson(response, 200, parts.outcomes().render(outcome,
                RefusalWriter.format(request)), request);
        x.status = 200;
    }

    private void forward(Exchange x, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain, FhirRequest parsed, AccessDecision decision, byte[] body)
            throws IOException, ServletException {
        TokenPrincipal principal = new TokenPrincipal(x.token);
        Set<String> roles = Set.copyOf(x.token.roles());
        if (parsed.interaction().isBundle() && !decision.entries().isEmpty()) {
            new BatchForwarder(batches, settings.maxResponseBufferBytes())
                    .forward(x, request, response, chain, parsed, decision, body, principal,
                            roles);
            return;
        }

        QueryParameters downstream = decision.request().parameters();
        boolean changed = !downstream.equals(parsed.parameters());
        // A form body always moves into the query string, narrowed or not: the filter read the
        // body, so the container has nothing left to parse, and HAPI (which takes a POST's
        // parameters from getParameterMap() when there is no query string) would search with
        // none at all, that is, over every patient.
        boolean form = RequestBodies.isForm(request.getContentType());
        byte[] replay = form ? new byte[0] : body;
        GuardedRequest guarded = new GuardedRequest(request, changed || form ? downstream : null,
                replay, null, principal, roles).withRequestId(x.requestId);
        if (decision.responseCheck().isEmpty() && x.warnings.isEmpty()) {
            chain.doFilter(guarded, response);
            x.status = response.getStatus();
            return;
        }

        // A HEAD answer has no body to check: ask for the GET and send only its headers.
        boolean head = "HEAD".equals(request.getMethod());
        if (head) {
            guarded.withMethod("GET");
        }
        guarded.withoutHeaders(CHECKED_HIDDEN_HEADERS);
        BufferedResponse buffered = new BufferedResponse(response, settings
                .maxResponseBufferBytes());
        chain.doFilter(guarded, buffered);
        if (buffered.isOverflowed()) {
            log.warn("request {} response larger than maxResponseBufferBytes ({}), refused",
                    x.requestId, settings.maxResponseBufferBytes());
            throw FhirGuardException.of(Reason.RESPONSE_TOO_LARGE,
                    "The response is too large to be checked");
        }
        int status = buffered.getStatus();
        byte[] out = buffered.body();
        if (status >= 200 && status < 300 && out.length > 0) {
            if (decision.responseCheck().isPresent()) {
                ResponseChecker.Checked checkedBody = checker.check(out,
                        buffered.getContentType(), buffered.getCharacterEncoding(),
                        decision.responseCheck().get());
                out = checkedBody.body();
                x.entriesRemoved = checkedBody.removed();
            }
            if (!x.warnings.isEmpty()) {
                out = checker.addWarnings(out, buffered.getContentType(),
                        buffered.getCharacterEncoding(), parts.outcomes()
                                .toOperationOutcome(x.warnings));
            }
        }
        response.setContentLength(out.length);
        if (!head) {
            response.getOutputStream().write(out);
        }
        x.status = status;
    }

    private Optional<String> apiKey(HttpServletRequest request, boolean hasBearer) {
        if (parts.apiKeyHeader().isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = headerValues(request, parts.apiKeyHeader().get());
        if (keys.size() > 1 || !keys.isEmpty() && hasBearer) {
            throw FhirGuardException.of(Reason.CREDENTIAL_DUPLICATED,
                    "The request carries more than one credential; send exactly one");
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    private AccessToken authenticate(Exchange x, Optional<String> credential,
            TokenValidator validator) {
        if (credential.isEmpty()) {
            RateLimitResult r = parts.rateLimits().acquireUnauthenticated(x.clientAddress);
            x.rateLimit = r;
            if (!r.isPermitted()) {
                throw r.toRefusal();
            }
            throw FhirGuardException.of(Reason.TOKEN_MISSING, "A bearer token is required");
        }
        String raw = credential.get();
        try {
            RateLimitResult budget = parts.rateLimits().checkUnauthenticated(x.clientAddress);
            if (!budget.isPermitted()) {
                x.rateLimit = budget;
                throw budget.toRefusal();
            }
            try {
                return validator.validate(raw);
            } catch (FhirGuardException e) {
                if (e.status() == 401) {
                    x.rateLimit = parts.rateLimits().acquireUnauthenticated(x.clientAddress);
                }
                throw e;
            }
        } catch (Throwable t) {
            // Only a credential that was not accepted needs the filter's own fingerprint, for
            // the audit agent of the refusal; an accepted token carries the validator's
            // fingerprint, so the credential is hashed here only on this path.
            x.credentialFingerprint = sha256(raw);
            throw t;
        }
    }

    private void servePublic(Exchange x, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        x.rateLimit = parts.rateLimits().acquireUnauthenticated(x.clientAddress);
        if (!x.rateLimit.isPermitted()) {
            throw x.rateLimit.toRefusal();
        }
        if (path.equals(SMART_PATH)) {
            byte[] doc = smart.render();
            response.setStatus(200);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(doc.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(doc);
            }
            x.status = 200;
            return;
        }
        chain.doFilter(new GuardedRequest(request, null, null, null, null, Set.of())
                .withRequestId(x.requestId), response);
        x.status = response.getStatus();
    }

    private boolean isPublic(HttpServletRequest request, String path) {
        String method = request.getMethod();
        boolean readOnly = "GET".equals(method) || "HEAD".equals(method);
        return readOnly && (path.equals(SMART_PATH) || settings.publicPaths().contains(path));
    }

    private void refuse(Exchange x, HttpServletRequest request, HttpServletResponse response,
            FhirGuardException refusal) throws IOException {
        x.refused(refusal.reason(), refusal.status());
        log.debug("request {} refused with {}: {}", x.requestId, refusal.status(),
                refusal.reason().code());
        if (response.isCommitted()) {
            log.warn("request {} refused after its response was committed: {}", x.requestId,
                    refusal.reason().code());
            return;
        }
        // Drop whatever the server set (ETag, Location, ...): nothing of a refused answer leaks.
        response.reset();
        decorate(x, request, response);
        if (!(request.getMethod().equals("OPTIONS")
                && request.getHeader("Access-Control-Request-Method") != null)) {
            cors.apply(request, response);
        }
        rateLimitHeaders(x, response);
        refusals.write(request, response, refusal);
    }

    private void decorate(Exchange x, HttpServletRequest request, HttpServletResponse response) {
        headers.apply(request, response);
        response.setHeader(REQUEST_ID_HEADER, x.requestId);
    }

    private static void rateLimitHeaders(Exchange x, HttpServletResponse response) {
        if (x.rateLimit != null) {
            response.setHeader("RateLimit-Limit", Integer.toString(x.rateLimit.limit()));
            response.setHeader("RateLimit-Remaining",
                    Integer.toString(x.rateLimit.remaining()));
        }
    }

    private void writeJson(HttpServletResponse response, int status, String text,
            HttpServletRequest request) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(RefusalWriter.format(request).contentType() + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String basePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + request.getServletPath();
        if (!uri.startsWith(prefix)) {
            throw FhirGuardException.of(Reason.REQUEST_UNSUPPORTED_PATH,
                    "The request path does not start with the FHIR base");
        }
        String rest = uri.substring(prefix.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Releases what the components hold (validators' refresh threads, the audit sink).
     */
    @Override
    public void close() {
        parts.close();
    }

    /** Applies the search-parameter validator to a request and, for a Bundle, each entry. */
    static final class Sanitizing {
        private Sanitizing() {
        }

        static FhirRequest sanitize(SearchParameterValidator sanitizer, FhirRequest request,
                List<Problem> warnings) {
            if (!request.entries().isEmpty()) {
                List<FhirRequest> entries = request.entries().stream()
                        .map(e -> sanitize(sanitizer, e, new ArrayList<>())).toList();
                return request.toBuilder().entries(entries).build();
            }
            if (request.parameters().isEmpty() || request.interaction().isOperation()) {
                return request;
            }
            SanitizedParameters result = sanitizer.validate(request.resourceType().orElse(null),
                    request.parameters());
            warnings.addAll(result.warnings());
            QueryParameters clean = result.parameters();
            return clean.equals(request.parameters()) ? request
                    : request.toBuilder().parameters(clean).build();
        }
    }
}
