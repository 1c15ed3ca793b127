package io.fhirguard.refusal;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a request: what is wrong, where, and how serious it is. Becomes one
 * {@code OperationOutcome.issue}.
 *
 * <p>The description must be safe to show the client: no token, secret or patient data. The
 * location, when present, names the offending part of the request, for example
 * {@code parameter[2] date} or {@code entry[3].request.url}; it becomes the issue's
 * {@code expression}.
 *
 * @since 1.0
 */
public final class Problem {
    private final Severity severity;
    private final Reason reason;
    private final String description;
    private final String location;

    private Problem(Severity severity, Reason reason, String description, String location) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.description = Objects.requireNonNull(description, "description");
        this.location = location;
    }

    /**
     * Creates an error-level problem with no location.
     *
     * @param reason the reason code
     * @param description what is wrong, safe to show the client
     * @return the problem
     */
    public static Problem error(Reason reason, String description) {
        return new Problem(Severity.ERROR, reason, description, null);
    }

    /**
     * Creates an error-level problem at a location in the request.
     *
     * @param reason the reason code
     * @param description what is wrong, safe to show the client
     * @param location where it is, for example {@code parameter[2] date}
     * @return the problem
     */
    public static Problem error(Reason reason, String description, String location) {
        return new Problem(Severity.ERROR, reason, description,
                Objects.requireNonNull(location, "location"));
    }

    /**
     * Creates a warning: the request went ahead but the client should know what was changed.
     *
     * @param reason the reason code
     * @param description what was changed or dropped, safe to show the client
     * @param location where, or {@code null} for the request as a whole
     * @return the problem
     */
    public static Problem warning(Reason reason, String description, String location) {
        return new Problem(Severity.WARNING, reason, description, location);
    }

    /**
     * Returns how serious the problem is.
     *
     * @return the severity
     */
    public Severity severity() {
        return severity;
    }

    /**
     * Returns the stable reason code.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
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
     * Returns where in the request the problem is.
     *
     * @return the location, or empty when the problem concerns the request as a whole
     */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem p && severity == p.severity && reason == p.reason
                && description.equals(p.description) && Objects.equals(location, p.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, reason, description, location);
    }

    @Override
    public String toString() {
        return severity.code() + " " + reason.code()
                + (location == null ? "" : " at " + location) + ": " + description;
    }
}
