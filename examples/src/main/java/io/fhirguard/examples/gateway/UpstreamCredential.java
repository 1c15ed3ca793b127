package io.fhirguard.examples.gateway;

import java.util.Optional;

/**
 * Supplies the credential the gateway sends to the upstream FHIR server in place of the caller's
 * (the caller's {@code Authorization} header is never forwarded).
 *
 * <p>Called once per forwarded request, on the request's thread; an implementation may block to
 * fetch or refresh a token and should cache it. Throwing refuses the request with 502 and an
 * OperationOutcome; the exception message is logged, never sent to the client.
 *
 * <pre>{@code
 * UpstreamCredential credential = () -> Optional.of("Bearer " + tokenSource.token());
 * }</pre>
 *
 * @since 1.0
 */
@FunctionalInterface
public interface UpstreamCredential {
    /** Sends nothing: for an upstream server that needs no credential. */
    UpstreamCredential NONE = Optional::empty;

    /**
     * Returns the {@code Authorization} header value for the next upstream request.
     *
     * @return the header value, such as {@code Bearer eyJ...}, or empty to send none
     * @throws RuntimeException if no credential can be had; the request gets 502
     */
    Optional<String> authorization();
}
