package io.fhirguard.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure to obtain, refresh, revoke or register OAuth credentials: the authorization server
 * could not be reached, answered with an OAuth error, answered with something unusable, or an
 * authorization callback was refused.
 *
 * <p>This is an outgoing-call failure, not a refusal of an incoming request, so it does not
 * extend {@code FhirGuardException}. It carries the {@link Category}, the OAuth {@code error}
 * code from the response when there was one (RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 7591 §3.2.2)
 * and the HTTP status when a response arrived.
 *
 * <p>The message never contains a token, client secret, client assertion, authorization code or
 * private key, so it is safe to log. The server's {@code error_description} is not put in the
 * message either, because the server may echo request data into it; it is available, cut to
 * 200 printable ASCII characters, from {@link #errorDescription()}.
 *
 * @since 1.0
 */
public final class OAuthClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DESCRIPTION = 200;

    /**
     * What kind of failure happened.
     *
     * @since 1.0
     */
    public enum Category {
        /** The endpoint could not be reached: connection refused, DNS, TLS or a timeout. */
        UNREACHABLE,
        /** The server answered with an OAuth error response or an unexpected HTTP status. */
        ERROR_RESPONSE,
        /** The server answered 2xx with a body that is not usable (bad JSON, missing field). */
        INVALID_RESPONSE,
        /** Discovery failed: no metadata document, or the issuer does not match. */
        DISCOVERY,
        /** An authorization callback was refused: unknown state, issuer mismatch, no code. */
        INVALID_CALLBACK,
        /** The refresh token is gone or was refused; the user must authorize again. */
        REAUTHORIZATION_REQUIRED
    }

    /** What kind of failure this is. */
    private final Category category;
    /** The OAuth error code, or null. */
    private final String error;
    /** The server's error description, cut and made printable, or null. */
    private final String errorDescription;
    /** The HTTP status, or -1 when no response arrived. */
    private final int httpStatus;

    private OAuthClientException(Category category, String message, String error,
            String errorDescription, int httpStatus, Throwable cause) {
        super(message, cause);
        this.category = category;
        this.error = error;
        this.errorDescription = errorDescription;
        this.httpStatus = httpStatus;
    }

    /**
     * Creates an exception without an OAuth error code or HTTP status.
     *
     * @param category what kind of failure
     * @param message a description without any secret
     * @return the exception
     */
    public static OAuthClientException of(Category category, String message) {
        return new OAuthClientException(Objects.requireNonNull(category, "category"),
                Objects.requireNonNull(message, "message"), null, null, -1, null);
    }

    /**
     * Creates an exception that keeps its cause, for example the {@code IOException} of an
     * unreachable endpoint.
     *
     * @param category what kind of failure
     * @param message a description without any secret
     * @param cause the underlying failure
     * @return the exception
     */
    public static OAuthClientException of(Category category, String message, Throwable cause) {
        return new OAuthClientException(Objects.requireNonNull(category, "category"),
                Objects.requireNonNull(message, "message"), null, null, -1, cause);
    }

    /**
     * Creates an exception for an HTTP response that carried an OAuth error or a bad status.
     *
     * @param category what kind of failure
     * @param message a description without any secret; the error code and status are appended
     * @param error the OAuth {@code error} code, or null if the response had none
     * @param errorDescription the server's {@code error_description}, or null
     * @param httpStatus the HTTP status of the response
     * @return the exception
     */
    public static OAuthClientException ofResponse(Category category, String message,
            String error, String errorDescription, int httpStatus) {
        String safeError = error == null ? null : printable(error, 64);
        String full = message + " (HTTP " + httpStatus
                + (safeError == null ? "" : ", error " + safeError) + ")";
        String safeDescription = errorDescription == null
                ? null : printable(errorDescription, MAX_DESCRIPTION);
        return new OAuthClientException(Objects.requireNonNull(category, "category"), full,
                safeError, safeDescription, httpStatus, null);
    }

    /**
     * Creates an exception for an OAuth error that arrived without an HTTP response of its own,
     * such as {@code error=access_denied} on an authorization callback (RFC 6749 §4.1.2.1).
     *
     * @param category what kind of failure
     * @param message a description without any secret; the error code is appended
     * @param error the OAuth {@code error} code
     * @param errorDescription the {@code error_description}, or null
     * @return the exception
     */
    public static OAuthClientException ofError(Category category, String message, String error,
            String errorDescription) {
        String safeError = printable(Objects.requireNonNull(error, "error"), 64);
        return new OAuthClientException(Objects.requireNonNull(category, "category"),
                message + " (error " + safeError + ")", safeError,
                errorDescription == null ? null : printable(errorDescription, MAX_DESCRIPTION),
                -1, null);
    }

    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return out.toString();
    }

    /**
     * Returns what kind of failure this is.
     *
     * @return the category, never null
     */
    public Category category() {
        return category;
    }

    /**
     * Returns the OAuth {@code error} code the server sent, such as {@code invalid_grant} or
     * {@code invalid_client} (RFC 6749 §5.2).
     *
     * @return the error code, or empty when the failure had no OAuth error response
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * Returns the server's {@code error_description}, cut to 200 printable ASCII characters.
     * It is server-controlled text: show it to an operator, not to end users.
     *
     * @return the description, or empty when the server sent none
     */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /**
     * Returns the HTTP status of the response that caused the failure.
     *
     * @return the status, or empty when no response arrived
     */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Tells whether the server refused the grant itself ({@code invalid_grant}): an expired or
     * revoked refresh token or authorization code. Retrying the same grant cannot succeed.
     *
     * @return true for {@code invalid_grant}
     */
    public boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }
}
