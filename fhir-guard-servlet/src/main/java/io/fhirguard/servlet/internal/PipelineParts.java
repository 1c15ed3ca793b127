package io.fhirguard.servlet.internal;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.audit.AuditSink;
import io.fhirguard.authz.AuthorizationPolicy;
import io.fhirguard.ratelimit.ClientAddressResolver;
import io.fhirguard.ratelimit.RateLimitPolicy;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.request.FhirRequestParser;
import io.fhirguard.sanitize.SearchParameterValidator;
import io.fhirguard.servlet.FhirGuardSettings;
import io.fhirguard.token.ApiKeyValidator;
import io.fhirguard.token.InMemoryRevocationRegistry;
import io.fhirguard.token.TokenValidator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked components one {@link GuardPipeline} runs with.
 *
 * @param settings the plain settings
 * @param fhirContext the R4 context
 * @param clock the clock
 * @param tokens validates credentials
 * @param addresses finds the client address behind trusted proxies
 * @param rateLimits the per-client and per-address limits
 * @param parser parses raw requests
 * @param sanitizer checks search parameters
 * @param authorization decides
 * @param auditSink records one event per request
 * @param outcomes renders refusals
 * @param revocationRegistry the registry the admin endpoint writes to, when enabled
 * @param apiKeys validates API keys, when configured
 * @param apiKeyHeader the header API keys come in, when configured
 * @param closeables what to close when the filter is destroyed
 */
public record PipelineParts(FhirGuardSettings settings, FhirContext fhirContext, Clock clock,
        TokenValidator tokens, ClientAddressResolver addresses, RateLimitPolicy rateLimits,
        FhirRequestParser parser, SearchParameterValidator sanitizer,
        AuthorizationPolicy authorization, AuditSink auditSink,
        OperationOutcomeMapper outcomes, Optional<InMemoryRevocationRegistry> revocationRegistry,
        Optional<ApiKeyValidator> apiKeys, Optional<String> apiKeyHeader,
        List<AutoCloseable> closeables) {
    private static final Logger log = LoggerFactory.getLogger(PipelineParts.class);

    /** Closes every closeable, logging (not throwing) failures. */
    void close() {
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
