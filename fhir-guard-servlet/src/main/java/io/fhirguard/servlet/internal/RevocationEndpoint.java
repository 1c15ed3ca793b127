package io.fhirguard.servlet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.InMemoryRevocationRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin revocation endpoint: {@code POST} a JSON object with exactly one of
 * <ul>
 *   <li>{@code {"jti": "...", "expiresAt": "2026-01-01T00:00:00Z"}} ({@code expiresAt}
 *       optional; default one day from now),</li>
 *   <li>{@code {"subject": "..."}},</li>
 *   <li>{@code {"clientId": "..."}},</li>
 *   <li>{@code {"issuedBefore": "now"}} or an ISO-8601 instant: every token issued before it
 *       is refused from now on (the emergency switch).</li>
 * </ul>
 * The caller's token must hold the configured admin scope.
 */
final class RevocationEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RevocationEndpoint.class);
    private static final Set<String> FIELDS = Set.of("jti", "expiresAt", "subject", "clientId",
            "issuedBefore");
    private static final Duration DEFAULT_JTI_KEEP = Duration.ofDays(1);

    private final InMemoryRevocationRegistry registry;
    private final String adminScope;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    RevocationEndpoint(InMemoryRevocationRegistry registry, String adminScope, Clock clock) {
        this.registry = registry;
        this.adminScope = adminScope;
        this.clock = clock;
    }

    /**
     * Runs one revocation.
     *
     * @param caller the validated caller
     * @param method the HTTP method
     * @param body the request body, or {@code null}
     * @return a short, client-safe description of what was revoked
     * @throws FhirGuardException 405, 403 {@code admin-scope-required} or 400
     *     {@code admin-request-invalid}
     */
    String revoke(AccessToken caller, String method, byte[] body) {
        if (!caller.hasScope(adminScope)) {
            throw FhirGuardException.builder(Reason.ADMIN_SCOPE_REQUIRED,
                    "The revocation endpoint requires the admin scope")
                    .requiredScope(adminScope).build();
        }
        if (!"POST".equals(method)) {
            throw FhirGuardException.of(Reason.REQUEST_METHOD_NOT_ALLOWED,
                    "The revocation endpoint accepts POST only");
        }
        JsonNode request = parse(body);
        String done = apply(request);
        log.warn("revocation by admin token {}: {}", caller.shortFingerprint(), done);
        return done;
    }

    private String apply(JsonNode r) {
        if (r.hasNonNull("jti") && r.size() <= 2 && (r.size() == 1 || r.has("expiresAt"))) {
            Instant expires = r.has("expiresAt") ? instant(r.get("expiresAt"))
                    : clock.instant().plus(DEFAULT_JTI_KEEP);
            registry.revokeJti(text(r.get("jti")), expires);
            return "token revoked by jti";
        }
        if (r.size() == 1 && r.hasNonNull("subject")) {
            registry.revokeSubject(text(r.get("subject")));
            return "tokens of a subject revoked";
        }
        if (r.size() == 1 && r.hasNonNull("clientId")) {
            registry.revokeClient(text(r.get("clientId")));
            return "tokens of a client revoked";
        }
        if (r.size() == 1 && r.hasNonNull("issuedBefore")) {
            JsonNode v = r.get("issuedBefore");
            Instant before = v.isTextual() && v.asText().equals("now") ? clock.instant()
                    : instant(v);
            registry.revokeIssuedBefore(before);
            return "every token issued before " + before + " revoked";
        }
        throw invalid();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid();
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                if (!FIELDS.contains(names.next())) {
                    throw invalid();
                }
            }
            return node;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private static String text(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 512) {
            throw invalid();
        }
        return node.asText();
    }

    private static Instant instant(JsonNode node) {
        try {
            return Instant.parse(text(node));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    private static FhirGuardException invalid() {
        return FhirGuardException.of(Reason.ADMIN_REQUEST_INVALID, "Send one JSON object with "
                + "exactly one of jti (with optional expiresAt), subject, clientId or "
                + "issuedBefore");
    }
}
