package io.fhirguard.servlet.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies for checking, never more than a limit, so that a client cannot make
 * the filter hold an unbounded body in memory.
 */
final class RequestBodies {
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final long limit;

    RequestBodies(long limit) {
        this.limit = limit;
    }

    /**
     * Reads the body of a POST, PUT or PATCH; other methods have none worth reading.
     *
     * @param request the request
     * @return the bytes, or {@code null} when the method carries no body
     * @throws FhirGuardException 413 {@code request-body-too-large} past the limit, 400
     *     {@code request-body-unreadable} when the stream breaks
     */
    byte[] read(HttpServletRequest request) {
        if (!WITH_BODY.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return null;
        }
        if (request.getContentLengthLong() > limit) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw FhirGuardException.builder(Reason.REQUEST_BODY_UNREADABLE,
                    "The request body could not be read").cause(e).build();
        }
    }

    private FhirGuardException tooLarge() {
        return FhirGuardException.of(Reason.REQUEST_BODY_TOO_LARGE,
                "The request body is larger than " + limit + " bytes");
    }

    static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }
}
