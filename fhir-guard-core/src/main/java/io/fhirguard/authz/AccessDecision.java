package io.fhirguard.authz;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AuthorizationPolicy#decide}: permit, permit with narrowing, permit
 * pending a {@link ResponseCheck}, or deny with a reason.
 *
 * <p>For a batch, the decision itself is permitted and each entry carries its own decision in
 * {@link #entries()}: the caller must answer denied entries with their refusal and forward only
 * permitted ones ({@link #request()} holds every entry as its own decision's request). For a
 * transaction, one denied entry denies the whole decision (all-or-nothing).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no ids or values.
 *
 * @since 1.0
 */
public final class AccessDecision {
    private final boolean permitted;
    private final FhirRequest request;
    private final boolean narrowed;
    private final ResponseCheck responseCheck;
    private final List<AccessDecision> entries;
    private final Reason reason;
    private final String description;
    private final String requiredScope;

    private AccessDecision(boolean permitted, FhirRequest request, boolean narrowed,
            ResponseCheck responseCheck, List<AccessDecision> entries, Reason reason,
            String description, String requiredScope) {
        this.permitted = permitted;
        this.request = Objects.requireNonNull(request, "request");
        this.narrowed = narrowed;
        this.responseCheck = responseCheck;
        this.entries = List.copyOf(entries);
        this.reason = reason;
        this.description = description;
        this.requiredScope = requiredScope;
    }

    /**
     * Creates a permit.
     *
     * @param original the request as received
     * @param downstream the request to send on; differs from {@code original} when narrowed
     * @param responseCheck the check the response must pass, or {@code null} for none
     * @param entries per-entry decisions of a batch or transaction, otherwise empty
     * @return the decision
     */
    public static AccessDecision permit(FhirRequest original, FhirRequest downstream,
            ResponseCheck responseCheck, List<AccessDecision> entries) {
        return new AccessDecision(true, downstream, !original.equals(downstream), responseCheck,
                entries, null, null, null);
    }

    /**
     * Creates a denial.
     *
     * @param request the request as received
     * @param reason why; one of the {@code SCOPE_} or {@code AUTHZ_} reasons
     * @param description what is wrong, safe to show the client (no ids or values)
     * @param requiredScope the scope that would have allowed it, or {@code null}
     * @param entries per-entry decisions of a transaction, otherwise empty
     * @return the decision
     */
    public static AccessDecision deny(FhirRequest request, Reason reason, String description,
            String requiredScope, List<AccessDecision> entries) {
        return new AccessDecision(false, request, false, null, entries,
                Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(description, "description"), requiredScope);
    }

    /**
     * Tells whether the request may go ahead.
     *
     * @return true for a permit (with or without narrowing or response check)
     */
    public boolean isPermitted() {
        return permitted;
    }

    /**
     * Returns the request to send downstream: the received request, or its narrowed form (for
     * example with {@code patient=<id>} added to a search). For a denial, the received request.
     *
     * @return the request
     */
    public FhirRequest request() {
        return request;
    }

    /**
     * Tells whether {@link #request()} differs from the received request.
     *
     * @return true when parameters were added or changed
     */
    public boolean isNarrowed() {
        return narrowed;
    }

    /**
     * Returns the check the response must pass before it reaches the client.
     *
     * @return the check, or empty when the request alone confines the result
     */
    public Optional<ResponseCheck> responseCheck() {
        return Optional.ofNullable(responseCheck);
    }

    /**
     * Returns the per-entry decisions of a batch or transaction, in Bundle order.
     *
     * @return the entries; empty for other interactions
     */
    public List<AccessDecision> entries() {
        return entries;
    }

    /**
     * Returns why the request was denied.
     *
     * @return the reason
     * @throws IllegalStateException for a permit, which has no reason
     */
    public Reason reason() {
        if (permitted) {
            throw new IllegalStateException("a permit has no reason; check isPermitted() first");
        }
        return reason;
    }

    /**
     * Returns the client-safe description of a denial.
     *
     * @return the description, or empty for a permit
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * Returns the scope that would have allowed a denied request, for RFC 6750
     * {@code insufficient_scope} (§3.1).
     *
     * @return a scope such as {@code patient/Observation.s}, or empty
     */
    public Optional<String> requiredScope() {
        return Optional.ofNullable(requiredScope);
    }

    /**
     * Turns a denial into the refusal to answer with: 403 with {@code insufficient_scope} and
     * the required scope when a scope is missing, 403 {@code forbidden} for a compartment
     * escape, a malformed or unenforceable token scope, or any other denial.
     *
     * @return the refusal, ready to throw
     * @throws IllegalStateException for a permit
     */
    public FhirGuardException toRefusal() {
        if (permitted) {
            throw new IllegalStateException("a permit cannot be turned into a refusal");
        }
        FhirGuardException.Builder b = FhirGuardException.builder(reason, description);
        if (requiredScope != null) {
            b.requiredScope(requiredScope);
        }
        return b.build();
    }

    /**
     * Describes the decision without ids or values.
     *
     * @return a masked description
     */
    @Override
    public String toString() {
        return "AccessDecision[" + (permitted ? "permit" : "deny " + reason.code())
                + (narrowed ? " narrowed" : "") + (responseCheck != null ? " check" : "")
                + (entries.isEmpty() ? "" : " entries=" + entries.size()) + " " + request + "]";
    }
}
