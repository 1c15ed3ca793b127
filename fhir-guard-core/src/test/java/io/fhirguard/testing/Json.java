package io.fhirguard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON writing for test fixtures. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * Writes a value as compact JSON.
     *
     * @param value maps, lists, strings, numbers, booleans
     * @return JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
