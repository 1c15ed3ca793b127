package io.fhirguard.token.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for untrusted input: UTF-8 only, duplicate members refused, nesting
 * bounded, trailing content refused; results are deeply unmodifiable maps and lists.
 */
final class StrictJson {
    private final ObjectMapper mapper;

    StrictJson(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth).maxStringLength(1 << 20).build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Thrown when input is not acceptable JSON; the message is safe to show a client. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses bytes that must hold one JSON object.
     *
     * @param bytes UTF-8 JSON
     * @return the object as an unmodifiable map
     * @throws JsonException when it is not valid UTF-8, not JSON, not an object, has duplicate
     *     members or is nested too deep
     */
    Map<String, Object> parseObject(byte[] bytes) throws JsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("not valid UTF-8", e);
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (Exception e) {
            throw new JsonException(describe(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new JsonException("not a JSON object", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toJava(node);
        return map;
    }

    private static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("Duplicate field") || m.contains("Duplicate field")) {
            return "duplicate JSON member";
        }
        if (m.contains("nesting depth")) {
            return "JSON nested too deep";
        }
        return "not valid JSON";
    }

    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), toJava(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(toJava(n)));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return null;
    }
}
