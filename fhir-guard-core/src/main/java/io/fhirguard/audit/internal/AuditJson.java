package io.fhirguard.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fhirguard.audit.AuditAgent;
import io.fhirguard.audit.AuditEvent;
import io.fhirguard.request.QueryParameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Renders an {@link AuditEvent} as one compact JSON object, members in a fixed order. */
public final class AuditJson {
    /** The previous-hash value of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);
    /** The member a chained line ends with. */
    public static final String HASH_MEMBER = ",\"hash\":\"";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toJson(AuditEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("time", e.time().toString());
        n.put("decision", e.decision().name().toLowerCase(Locale.ROOT));
        n.put("outcome", e.outcome().code());
        n.put("action", e.action().code());
        e.interaction().ifPresent(i -> n.put("interaction", code(i.name())));
        e.resourceType().ifPresent(t -> n.put("resourceType", t));
        e.resourceId().ifPresent(id -> n.put("resourceId", id));
        if (!e.queryParameterNames().isEmpty()) {
            ArrayNode names = n.putArray("queryParameterNames");
            e.queryParameterNames().forEach(names::add);
        }
        if (!e.queryParameters().isEmpty()) {
            ArrayNode params = n.putArray("queryParameters");
            for (QueryParameter p : e.queryParameters()) {
                params.addObject().put("name", p.name()).put("value", p.value());
            }
        }
        n.set("agent", agent(e.agent()));
        e.sourceAddress().ifPresent(a -> n.put("sourceAddress", a));
        e.userAgent().ifPresent(a -> n.put("userAgent", a));
        e.requestId().ifPresent(r -> n.put("requestId", r));
        e.patient().ifPresent(p -> n.put("patient", p));
        e.reason().ifPresent(r -> n.put("reason", r.code()));
        e.httpStatus().ifPresent(s -> n.put("status", s));
        e.latency().ifPresent(l -> n.put("latencyMs", l.toMillis()));
        n.put("entriesRemoved", e.entriesRemoved());
        return n;
    }

    private static ObjectNode agent(AuditAgent a) {
        ObjectNode n = MAPPER.createObjectNode();
        if (a.isAnonymous()) {
            n.put("anonymous", true);
            return n;
        }
        put(n, "issuer", a.issuer());
        put(n, "subject", a.subject());
        put(n, "clientId", a.clientId());
        put(n, "fhirUser", a.fhirUser());
        a.credentialKind().ifPresent(k -> n.put("credentialKind", k.name()));
        put(n, "tokenFingerprint", a.tokenFingerprint());
        put(n, "jti", a.jti());
        return n;
    }

    private static void put(ObjectNode n, String name, Optional<String> value) {
        value.ifPresent(v -> n.put(name, v));
    }

    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event could not be rendered as JSON", e);
        }
    }

    /** Hash of a chained record: SHA-256 over the previous hash followed by the content. */
    public static String chainHash(String previousHash, String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The content of a chained line ending in {@code ,"hash":"<64 hex>"}: the line without it. */
    public static String chainedLine(String content, String hash) {
        return content.substring(0, content.length() - 1) + HASH_MEMBER + hash + "\"}";
    }

    private static String code(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
