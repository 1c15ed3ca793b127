package io.fhirguard.audit;

import io.fhirguard.audit.internal.Scrubber;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The record of one security decision: who asked for what, from where, what fhir-guard decided
 * and why, and how the request ended.
 *
 * <p>Holds query parameter names always, their values only under
 * {@link QueryValuePolicy#NAMES_AND_VALUES}; the agent is an {@link AuditAgent}, which cannot
 * hold a credential. Free-text fields (user agent, request id, parameter values) have bearer
 * tokens and JWT-shaped text replaced by {@code [redacted]}, control characters replaced and
 * length capped at 512 characters.
 *
 * <p>The patient context and resource id are part of the record (an access audit must say whose
 * data was touched), so the store that receives events must be protected like clinical data;
 * {@link #toString()} masks both. Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class AuditEvent {
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String id;
    private final Instant time;
    private final AuditDecision decision;
    private final AuditOutcome outcome;
    private final AuditAction action;
    private final Interaction interaction;
    private final String resourceType;
    private final String resourceId;
    private final List<String> queryParameterNames;
    private final List<QueryParameter> queryParameters;
    private final AuditAgent agent;
    private final String sourceAddress;
    private final String userAgent;
    private final String requestId;
    private final String patient;
    private final Reason reason;
    private final Integer httpStatus;
    private final Duration latency;
    private final int entriesRemoved;

    private AuditEvent(Builder b) {
        this.id = b.id;
        this.time = b.time;
        this.decision = b.decision;
        this.httpStatus = b.httpStatus;
        this.outcome = b.outcome != null ? b.outcome : defaultOutcome(b);
        this.interaction = b.interaction;
        this.action = b.action != null ? b.action
                : b.interaction != null ? AuditAction.of(b.interaction) : AuditAction.EXECUTE;
        this.resourceType = b.resourceType;
        this.resourceId = b.resourceId;
        this.queryParameterNames = List.copyOf(b.queryParameterNames);
        this.queryParameters = List.copyOf(b.queryParameters);
        this.agent = b.agent;
        this.sourceAddress = b.sourceAddress;
        this.userAgent = b.userAgent;
        this.requestId = b.requestId;
        this.patient = b.patient;
        this.reason = b.reason;
        this.latency = b.latency;
        this.entriesRemoved = b.entriesRemoved;
    }

    /**
     * Starts an event.
     *
     * @param time when the decision was made
     * @param decision permit or deny
     * @return a builder with a random UUID as id and an anonymous agent
     */
    public static Builder builder(Instant time, AuditDecision decision) {
        return new Builder(time, decision);
    }

    /**
     * Returns the event's unique id.
     *
     * @return the id; a random UUID unless set
     */
    public String id() {
        return id;
    }

    /**
     * Returns when the decision was made.
     *
     * @return the instant
     */
    public Instant time() {
        return time;
    }

    /**
     * Returns what fhir-guard decided.
     *
     * @return permit or deny
     */
    public AuditDecision decision() {
        return decision;
    }

    /**
     * Returns how the request ended.
     *
     * @return the outcome; unless set, derived from the HTTP status, else minor failure for a
     *     denial and success for a permit
     */
    public AuditOutcome outcome() {
        return outcome;
    }

    /**
     * Returns the kind of action.
     *
     * @return the action; unless set, derived from the interaction ({@link AuditAction#of}),
     *     else execute
     */
    public AuditAction action() {
        return action;
    }

    /**
     * Returns the FHIR interaction.
     *
     * @return the interaction, or empty when the request was refused before it was parsed
     */
    public Optional<Interaction> interaction() {
        return Optional.ofNullable(interaction);
    }

    /**
     * Returns the resource type the request addressed.
     *
     * @return the type, or empty for system-level requests
     */
    public Optional<String> resourceType() {
        return Optional.ofNullable(resourceType);
    }

    /**
     * Returns the resource id the request addressed.
     *
     * @return the id, or empty
     */
    public Optional<String> resourceId() {
        return Optional.ofNullable(resourceId);
    }

    /**
     * Returns the query parameter names, with modifiers, in first-seen order, without
     * duplicates.
     *
     * @return the names, possibly none
     */
    public List<String> queryParameterNames() {
        return queryParameterNames;
    }

    /**
     * Returns the query parameters with values, kept only under
     * {@link QueryValuePolicy#NAMES_AND_VALUES}.
     *
     * @return the parameters, empty under the default policy
     */
    public List<QueryParameter> queryParameters() {
        return queryParameters;
    }

    /**
     * Returns who made the request.
     *
     * @return the agent; anonymous unless set
     */
    public AuditAgent agent() {
        return agent;
    }

    /**
     * Returns the client address (see {@code ClientAddressResolver}).
     *
     * @return the address, or empty
     */
    public Optional<String> sourceAddress() {
        return Optional.ofNullable(sourceAddress);
    }

    /**
     * Returns the {@code User-Agent} header, scrubbed.
     *
     * @return the user agent, or empty
     */
    public Optional<String> userAgent() {
        return Optional.ofNullable(userAgent);
    }

    /**
     * Returns the request or correlation id, scrubbed.
     *
     * @return the id, or empty
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Returns the patient whose data the request touched, as a reference such as
     * {@code Patient/123}.
     *
     * @return the reference, or empty
     */
    public Optional<String> patient() {
        return Optional.ofNullable(patient);
    }

    /**
     * Returns the reason code of the decision.
     *
     * @return the reason; always present for a denial, usually empty for a permit
     */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Returns the HTTP status of the response.
     *
     * @return the status, or empty when not known
     */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Returns how long fhir-guard and the server took.
     *
     * @return the latency, or empty
     */
    public Optional<Duration> latency() {
        return Optional.ofNullable(latency);
    }

    /**
     * Returns how many entries a response check removed from the answer.
     *
     * @return zero or more; zero unless set
     */
    public int entriesRemoved() {
        return entriesRemoved;
    }

    /**
     * Shows id, decision, reason, action, type and agent; never the patient, resource id or
     * parameter values.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "AuditEvent[" + id + " " + decision + " " + (reason == null ? "-" : reason.code())
                + " " + action.code() + " " + (resourceType == null ? "-" : resourceType)
                + (resourceId == null ? "" : "/***") + " params=" + queryParameterNames + " "
                + agent + (patient == null ? "" : " patient=***") + "]";
    }

    private static AuditOutcome defaultOutcome(Builder b) {
        if (b.httpStatus != null) {
            return AuditOutcome.ofStatus(b.httpStatus);
        }
        return b.decision == AuditDecision.DENY ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS;
    }

    /**
     * Builds an {@link AuditEvent}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private String id = UUID.randomUUID().toString();
        private final Instant time;
        private final AuditDecision decision;
        private AuditOutcome outcome;
        private AuditAction action;
        private Interaction interaction;
        private String resourceType;
        private String resourceId;
        private final List<String> queryParameterNames = new ArrayList<>();
        private final List<QueryParameter> queryParameters = new ArrayList<>();
        private AuditAgent agent = AuditAgent.anonymous();
        private String sourceAddress;
        private String userAgent;
        private String requestId;
        private String patient;
        private Reason reason;
        private Integer httpStatus;
        private Duration latency;
        private int entriesRemoved;

        private Builder(Instant time, AuditDecision decision) {
            this.time = Objects.requireNonNull(time, "time");
            this.decision = Objects.requireNonNull(decision, "decision");
        }

        /**
         * Sets the event id.
         *
         * @param id a unique id, at most 64 characters of {@code [A-Za-z0-9._-]}
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the outcome instead of deriving it.
         *
         * @param outcome the outcome
         * @return this builder
         */
        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        /**
         * Sets the action instead of deriving it from the interaction.
         *
         * @param action the action
         * @return this builder
         */
        public Builder action(AuditAction action) {
            this.action = action;
            return this;
        }

        /**
         * Copies interaction, resource type, id and query parameters from a parsed request.
         *
         * @param request the parsed request
         * @param values whether parameter values are kept
         * @return this builder
         */
        public Builder request(FhirRequest request, QueryValuePolicy values) {
            this.interaction = request.interaction();
            this.resourceType = request.resourceType().orElse(null);
            this.resourceId = request.id().orElse(null);
            return queryParameters(request.parameters(), values);
        }

        /**
         * Sets the interaction.
         *
         * @param interaction the interaction
         * @return this builder
         */
        public Builder interaction(Interaction interaction) {
            this.interaction = interaction;
            return this;
        }

        /**
         * Sets the resource type and id.
         *
         * @param type the resource type, or {@code null}
         * @param id the resource id, or {@code null}
         * @return this builder
         */
        public Builder resource(String type, String id) {
            this.resourceType = type;
            this.resourceId = id;
            return this;
        }

        /**
         * Sets the query parameters: names always, values only when the policy allows.
         *
         * @param parameters the decoded parameters
         * @param values whether values are kept
         * @return this builder
         */
        public Builder queryParameters(QueryParameters parameters, QueryValuePolicy values) {
            queryParameterNames.clear();
            queryParameters.clear();
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (QueryParameter p : parameters) {
                names.add(Scrubber.scrub(p.name()));
                if (values == QueryValuePolicy.NAMES_AND_VALUES) {
                    queryParameters.add(new QueryParameter(Scrubber.scrub(p.name()),
                            Scrubber.scrub(p.value())));
                }
            }
            queryParameterNames.addAll(names);
            return this;
        }

        /**
         * Sets who made the request.
         *
         * @param agent the agent
         * @return this builder
         */
        public Builder agent(AuditAgent agent) {
            this.agent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /**
         * Sets the client address.
         *
         * @param address the address, or {@code null}
         * @return this builder
         */
        public Builder sourceAddress(String address) {
            this.sourceAddress = address == null ? null : Scrubber.scrub(address);
            return this;
        }

        /**
         * Sets the {@code User-Agent} header; it is scrubbed.
         *
         * @param userAgent the header value, or {@code null}
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent == null ? null : Scrubber.scrub(userAgent);
            return this;
        }

        /**
         * Sets the request or correlation id; it is scrubbed.
         *
         * @param requestId the id, or {@code null}
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId == null ? null : Scrubber.scrub(requestId);
            return this;
        }

        /**
         * Sets the patient context.
         *
         * @param patientReference a reference such as {@code Patient/123}, or {@code null}
         * @return this builder
         */
        public Builder patient(String patientReference) {
            this.patient = patientReference;
            return this;
        }

        /**
         * Sets the reason code of the decision.
         *
         * @param reason the reason, or {@code null}
         * @return this builder
         */
        public Builder reason(Reason reason) {
            this.reason = reason;
            return this;
        }

        /**
         * Sets the HTTP status of the response.
         *
         * @param status 100 to 599
         * @return this builder
         */
        public Builder httpStatus(int status) {
            this.httpStatus = status;
            return this;
        }

        /**
         * Sets the latency.
         *
         * @param latency zero or more
         * @return this builder
         */
        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /**
         * Sets how many entries a response check removed.
         *
         * @param count zero or more
         * @return this builder
         */
        public Builder entriesRemoved(int count) {
            this.entriesRemoved = count;
            return this;
        }

        /**
         * Checks every value and builds the event.
         *
         * @return the event
         * @throws IllegalArgumentException listing every problem
         */
        public AuditEvent build() {
            List<String> problems = new ArrayList<>();
            if (id == null || !EVENT_ID.matcher(id).matches()) {
                problems.add("id: must be 1 to 64 characters of [A-Za-z0-9._-], was '" + id + "'");
            }
            if (decision == AuditDecision.DENY && reason == null) {
                problems.add("reason: a denial must carry a reason code");
            }
            if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
                problems.add("httpStatus: must be 100 to 599, was " + httpStatus);
            }
            if (latency != null && latency.isNegative()) {
                problems.add("latency: must not be negative, was " + latency);
            }
            if (entriesRemoved < 0) {
                problems.add("entriesRemoved: must not be negative, was " + entriesRemoved);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid audit event:\n- "
                        + String.join("\n- ", problems));
            }
            return new AuditEvent(this);
        }
    }
}
