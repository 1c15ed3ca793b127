package io.fhirguard.servlet.internal;

import io.fhirguard.refusal.BearerError;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.OperationOutcomeMapper;
import io.fhirguard.refusal.OutcomeFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Writes a refusal as a FHIR {@code OperationOutcome} with the status, challenge and retry
 * headers it calls for: {@code WWW-Authenticate: Bearer realm="..."} on every 401 and on any
 * refusal with an RFC 6750 error code (RFC 6750 §3), {@code Retry-After} in whole seconds on
 * 429 and 503. JSON unless {@code _format} or {@code Accept} asks for XML.
 */
public final class RefusalWriter {
    private final OperationOutcomeMapper mapper;
    private final String realm;
    private final Duration outageRetryAfter;

    /**
     * Creates the writer.
     *
     * @param mapper renders the outcome
     * @param realm the realm for {@code WWW-Authenticate}
     * @param outageRetryAfter the {@code Retry-After} of a 503 whose cause gives none
     */
    public RefusalWriter(OperationOutcomeMapper mapper, String realm, Duration outageRetryAfter) {
        this.mapper = mapper;
        this.realm = realm;
        this.outageRetryAfter = outageRetryAfter;
    }

    /**
     * Writes the refusal. The response must not be committed.
     *
     * @param request the request, for the format choice
     * @param response the response
     * @param refusal the refusal
     * @throws IOException when the client went away
     */
    public void write(HttpServletRequest request, HttpServletResponse response,
            FhirGuardException refusal) throws IOException {
        response.setStatus(refusal.status());
        challenge(refusal).ifPresent(c -> response.setHeader("WWW-Authenticate", c));
        retryAfter(refusal).ifPresent(s -> response.setHeader("Retry-After", s));

        OutcomeFormat format = format(request);
        byte[] body = mapper.render(refusal, format).getBytes(StandardCharsets.UTF_8);
        response.setContentType(format.contentType() + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Chooses JSON or XML from {@code _format} (read from the raw query, before any parser)
     * and {@code Accept}.
     *
     * @param request the request
     * @return the format
     */
    public static OutcomeFormat format(HttpServletRequest request) {
        List<String> format = QueryStrings.values(request.getQueryString(), "_format");
        return OutcomeFormat.choose(format.isEmpty() ? null : format.get(0),
                request.getHeader("Accept"));
    }

    Optional<String> challenge(FhirGuardException refusal) {
        Optional<BearerError> error = refusal.bearerError();
        if (error.isEmpty() && refusal.status() != 401) {
            return Optional.empty();
        }
        StringBuilder c = new StringBuilder("Bearer realm=\"").append(realm).append('"');
        error.ifPresent(e -> c.append(", error=\"").append(e.code()).append("\", ")
                .append("error_description=\"").append(refusal.description()).append('"'));
        refusal.requiredScope().ifPresent(s -> c.append(", scope=\"").append(s).append('"'));
        return Optional.of(c.toString());
    }

    Optional<String> retryAfter(FhirGuardException refusal) {
        Optional<Duration> delay = refusal.retryAfter();
        if (delay.isEmpty() && refusal.status() == 503) {
            delay = Optional.of(outageRetryAfter);
        }
        if (delay.isEmpty() || refusal.status() != 429 && refusal.status() != 503) {
            return Optional.empty();
        }
        long millis = delay.get().toMillis();
        return Optional.of(Long.toString(Math.max(1, (millis + 999) / 1000)));
    }
}
