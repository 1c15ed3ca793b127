package io.fhirguard.refusal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal: fhir-guard turns the request away. The one unchecked base type for every refusal
 * in every module.
 *
 * <p>It carries the primary {@link Reason} (which fixes the HTTP status, the FHIR issue type and
 * the RFC 6750 error code), a description safe to show the client, every {@link Problem} found
 * (at least one; the first is the primary), and, where they apply, the scope the request would
 * have needed ({@code insufficient_scope}, RFC 6750 §3.1) and how long the client should wait
 * ({@code Retry-After}).
 *
 * <p>Descriptions of refusals that have an RFC 6750 error code end up in
 * {@code WWW-Authenticate: Bearer error_description="..."}, so they are checked against the
 * RFC 6750 §3 character set ({@code %x20-21 / %x23-5B / %x5D-7E}) when the exception is built;
 * an illegal character is a programming error and raises {@link IllegalArgumentException}.
 *
 * <p>The exception message is the reason code and description only; it never contains a
 * token, secret or patient data, so it is safe to log.
 *
 * @since 1.0
 */
public class FhirGuardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The primary reason. */
    private final Reason reason;
    /** The client-safe description of the primary problem. */
    private final String description;
    /** Every problem, primary first; not serialized. */
    private final transient List<Problem> problems;
    /** The scope that would have been needed, or null. */
    private final String requiredScope;
    /** How long to wait before retrying, or null. */
    private final Duration retryAfter;

    /**
     * Creates a refusal from a builder; see {@link #builder(Reason, String)}.
     *
     * @param builder the filled-in builder
     */
    protected FhirGuardException(Builder builder) {
        super(builder.reason.code() + ": " + builder.description, builder.cause);
        this.reason = builder.reason;
        this.description = builder.description;
        List<Problem> all = new ArrayList<>();
        all.add(Problem.error(builder.reason, builder.description));
        all.addAll(builder.problems);
        this.problems = List.copyOf(builder.problems.isEmpty() ? all : builder.problems);
        this.requiredScope = builder.requiredScope;
        this.retryAfter = builder.retryAfter;
    }

    /**
     * Creates a refusal with one problem and nothing else.
     *
     * @param reason the reason code
     * @param description what is wrong, safe to show the client
     * @return the exception, ready to throw
     */
    public static FhirGuardException of(Reason reason, String description) {
        return builder(reason, description).build();
    }

    /**
     * Starts a refusal.
     *
     * @param reason the primary reason code
     * @param description what is wrong, safe to show the client
     * @return a builder
     */
    public static Builder builder(Reason reason, String description) {
        return new Builder(reason, description);
    }

    /**
     * Returns the primary reason.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the HTTP status to answer with.
     *
     * @return the status, from the primary reason
     */
    public int status() {
        return reason.status();
    }

    /**
     * Returns the FHIR issue type of the primary problem.
     *
     * @return the issue type
     */
    public IssueType issueType() {
        return reason.issueType();
    }

    /**
     * Returns the RFC 6750 error code, where one applies.
     *
     * @return the error code, or empty
     */
    public Optional<BearerError> bearerError() {
        return reason.bearerError();
    }

    /**
     * Returns the description, safe to show the client.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns every problem found, the primary one first.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Returns the scope that would have allowed the request ({@code insufficient_scope}).
     *
     * @return the space-separated scope, or empty
     */
    public Optional<String> requiredScope() {
        return Optional.ofNullable(requiredScope);
    }

    /**
     * Returns how long the client should wait before trying again (429 and 503).
     *
     * @return the delay, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Builds a {@link FhirGuardException}. Not thread-safe; use one builder per refusal.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final Reason reason;
        private final String description;
        private final List<Problem> problems = new ArrayList<>();
        private String requiredScope;
        private Duration retryAfter;
        private Throwable cause;

        private Builder(Reason reason, String description) {
            this.reason = Objects.requireNonNull(reason, "reason");
            this.description = Objects.requireNonNull(description, "description");
            if (reason.bearerError().isPresent()) {
                requireBearerCharset("description", description);
            }
        }

        /**
         * Sets every problem found. When not called, the refusal has one problem made of its
         * reason and description.
         *
         * @param problems the problems, primary first; not empty
         * @return this builder
         */
        public Builder problems(List<Problem> problems) {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems: must not be empty");
            }
            this.problems.clear();
            this.problems.addAll(problems);
            return this;
        }

        /**
         * Sets the scope that would have allowed the request.
         *
         * @param scope space-separated scope tokens (RFC 6749 §3.3 characters only)
         * @return this builder
         * @throws IllegalArgumentException when the scope holds a character RFC 6750 forbids
         */
        public Builder requiredScope(String scope) {
            requireBearerCharset("requiredScope", scope);
            this.requiredScope = scope;
            return this;
        }

        /**
         * Sets how long the client should wait; rounded up to whole seconds on the wire.
         *
         * @param retryAfter a positive duration
         * @return this builder
         */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter: must not be negative");
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Keeps the underlying failure, for the server's logs only; it never reaches the client.
         *
         * @param cause the cause
         * @return this builder
         */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        /**
         * Builds the exception.
         *
         * @return the refusal, ready to throw
         */
        public FhirGuardException build() {
            return new FhirGuardException(this);
        }

        // RFC 6750 section 3: error_description and scope values use %x20-21 / %x23-5B / %x5D-7E
        // (scope tokens exclude the space, which only separates them).
        private static void requireBearerCharset(String name, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean ok = c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B)
                        || (c >= 0x5D && c <= 0x7E);
                if (!ok) {
                    throw new IllegalArgumentException(name + ": character at index " + i
                            + " is outside the RFC 6750 section 3 character set");
                }
            }
        }
    }
}
