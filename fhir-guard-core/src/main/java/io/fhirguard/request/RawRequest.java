package io.fhirguard.request;

import java.util.Objects;
import java.util.Optional;

/**
 * The raw HTTP parts of one request, as the server received them, for
 * {@code FhirRequestParser}. Nothing here is decoded: the path and query are still
 * percent-encoded, so the parser decodes them exactly once.
 *
 * <p>The body is read only for the interactions where it matters: a {@code _search} form body
 * and a batch or transaction Bundle. The array is not copied; do not change it after handing it
 * over.
 *
 * @param method the HTTP method in upper case, such as {@code GET}
 * @param rawPath the path relative to the FHIR base, still encoded, without a leading
 *     {@code /}; empty for the base itself
 * @param rawQuery the query string after {@code ?}, still encoded; {@code null} when absent
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body the request body, or {@code null} when none was read
 * @since 1.0
 */
public record RawRequest(String method, String rawPath, String rawQuery, String contentType,
        byte[] body) {
    /**
     * Checks the required parts.
     *
     * @param method the HTTP method in upper case
     * @param rawPath the base-relative encoded path
     * @param rawQuery the encoded query string, or {@code null}
     * @param contentType the content type, or {@code null}
     * @param body the body, or {@code null}
     */
    public RawRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
    }

    /**
     * Creates a request without a body.
     *
     * @param method the HTTP method in upper case
     * @param rawPath the base-relative encoded path
     * @param rawQuery the encoded query string, or {@code null}
     * @return the request
     */
    public static RawRequest of(String method, String rawPath, String rawQuery) {
        return new RawRequest(method, rawPath, rawQuery, null, null);
    }

    /**
     * Returns the body, when one was read.
     *
     * @return the body bytes, or empty
     */
    public Optional<byte[]> bodyBytes() {
        return Optional.ofNullable(body);
    }

    /**
     * Shows the method and path length only; the path and query may identify a patient.
     *
     * @return a masked description
     */
    @Override
    public String toString() {
        return "RawRequest[" + method + " path(" + rawPath.length() + " chars)]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRequest r && method.equals(r.method) && rawPath.equals(r.rawPath)
                && Objects.equals(rawQuery, r.rawQuery)
                && Objects.equals(contentType, r.contentType)
                && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, rawQuery, contentType)
                * 31 + java.util.Arrays.hashCode(body);
    }
}
