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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(
            RequestBodies.class);
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /**
     * How much of an oversized body is read and thrown away before the 413 goes out. When the
     * server closes a connection with unread bytes waiting, TCP resets it and the client may
     * never see the 413; draining a bounded amount lets ordinary clients read the refusal,
     * while a larger upload still gets the connection closed instead of costing more reads.
     */
    private static final long DRAIN_CAP = 1024 * 1024;

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
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > limit) {
                if (declared <= DRAIN_CAP) {
                    drain(in);
                }
                throw tooLarge();
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                drain(in);
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw FhirGuardException.builder(Reason.REQUEST_BODY_UNREADABLE,
                    "The request body could not be read").cause(e).build();
        }
    }

    // Reads and discards at most DRAIN_CAP bytes. A broken stream only ends the draining: the
    // refusal is already decided and stays a 413.
    private static void drain(InputStream in) {
        byte[] sink = new byte[8192];
        long left = DRAIN_CAP;
        try {
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            log.debug("Draining an oversized body stopped early: {}", e.getClass().getSimpleName());
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
