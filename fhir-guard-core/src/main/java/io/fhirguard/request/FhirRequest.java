package io.fhirguard.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One FHIR REST interaction, parsed and checked: what is asked for, on which resource type and
 * id, with which decoded parameters. Batch and transaction requests carry one nested
 * {@code FhirRequest} per Bundle entry.
 *
 * <p>Instances are immutable except for the body resource: HAPI resources are mutable, so
 * callers must not change the resource returned by {@link #body()}.
 *
 * <p>{@link #toString()} shows the interaction, type and parameter names only. Ids and values
 * are masked because they may identify a patient.
 *
 * @since 1.0
 */
public final class FhirRequest {
    private final String method;
    private final Interaction interaction;
    private final String resourceType;
    private final String id;
    private final String versionId;
    private final CompartmentRef compartment;
    private final String operation;
    private final QueryParameters parameters;
    private final List<FhirRequest> entries;
    private final IBaseResource body;

    private FhirRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.interaction = Objects.requireNonNull(b.interaction, "interaction");
        this.resourceType = b.resourceType;
        this.id = b.id;
        this.versionId = b.versionId;
        this.compartment = b.compartment;
        this.operation = b.operation;
        this.parameters = b.parameters;
        this.entries = List.copyOf(b.entries);
        this.body = b.body;
    }

    /**
     * Starts a request.
     *
     * @param method the HTTP method in upper case
     * @param interaction the interaction
     * @return a builder
     */
    public static Builder builder(String method, Interaction interaction) {
        return new Builder(method, interaction);
    }

    /**
     * Returns a builder holding this request's values, to derive a changed copy (for example
     * with narrowed parameters).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(method, interaction);
        b.resourceType = resourceType;
        b.id = id;
        b.versionId = versionId;
        b.compartment = compartment;
        b.operation = operation;
        b.parameters = parameters;
        b.entries.addAll(entries);
        b.body = body;
        return b;
    }

    /**
     * Returns the HTTP method, in upper case.
     *
     * @return the method
     */
    public String method() {
        return method;
    }

    /**
     * Returns the interaction.
     *
     * @return the interaction
     */
    public Interaction interaction() {
        return interaction;
    }

    /**
     * Returns the resource type the interaction is about. For a compartment search it is the
     * searched type ({@code Observation} in {@code Patient/1/Observation}).
     *
     * @return the type, or empty for system-level interactions
     */
    public Optional<String> resourceType() {
        return Optional.ofNullable(resourceType);
    }

    /**
     * Returns the logical id of the resource.
     *
     * @return the id, or empty when the interaction has none
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * Returns the version id of a {@link Interaction#VREAD}.
     *
     * @return the version id, or empty
     */
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /**
     * Returns the compartment of a {@link Interaction#SEARCH_COMPARTMENT}.
     *
     * @return the compartment, or empty
     */
    public Optional<CompartmentRef> compartment() {
        return Optional.ofNullable(compartment);
    }

    /**
     * Returns the operation name with its {@code $}, for example {@code $everything}.
     *
     * @return the operation, or empty when the interaction is not an operation
     */
    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    /**
     * Returns the decoded parameters: the query string's, followed by a {@code _search} form
     * body's.
     *
     * @return the parameters, possibly empty
     */
    public QueryParameters parameters() {
        return parameters;
    }

    /**
     * Returns the entries of a batch or transaction, each as its own request, in Bundle order.
     *
     * @return the entries; empty for other interactions
     */
    public List<FhirRequest> entries() {
        return entries;
    }

    /**
     * Returns the resource sent in the body (a create or update in a Bundle entry, or the
     * Bundle of a batch). Do not change it.
     *
     * @return the resource, or empty when no body was parsed
     */
    public Optional<IBaseResource> body() {
        return Optional.ofNullable(body);
    }

    /**
     * Tells whether this is a conditional update, patch or delete: one addressed by search
     * parameters instead of an id.
     *
     * @return true for a conditional write
     */
    public boolean isConditional() {
        return id == null && !parameters.isEmpty() && (interaction == Interaction.UPDATE
                || interaction == Interaction.PATCH || interaction == Interaction.DELETE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FhirRequest r && method.equals(r.method)
                && interaction == r.interaction && Objects.equals(resourceType, r.resourceType)
                && Objects.equals(id, r.id) && Objects.equals(versionId, r.versionId)
                && Objects.equals(compartment, r.compartment)
                && Objects.equals(operation, r.operation) && parameters.equals(r.parameters)
                && entries.equals(r.entries) && body == r.body;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, interaction, resourceType, id, versionId, compartment,
                operation, parameters, entries);
    }

    /**
     * Describes the request without ids or values.
     *
     * @return a masked description
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FhirRequest[").append(method).append(' ')
                .append(interaction);
        if (resourceType != null) {
            s.append(' ').append(resourceType);
        }
        if (id != null) {
            s.append("/***");
        }
        if (operation != null) {
            s.append(' ').append(operation);
        }
        if (!parameters.isEmpty()) {
            s.append(" params=").append(parameters.names());
        }
        if (!entries.isEmpty()) {
            s.append(" entries=").append(entries.size());
        }
        return s.append(']').toString();
    }

    /**
     * Builds a {@link FhirRequest}. The parser checks grammar; the builder only checks that
     * required parts are there.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final String method;
        private final Interaction interaction;
        private String resourceType;
        private String id;
        private String versionId;
        private CompartmentRef compartment;
        private String operation;
        private QueryParameters parameters = QueryParameters.empty();
        private final List<FhirRequest> entries = new ArrayList<>();
        private IBaseResource body;

        private Builder(String method, Interaction interaction) {
            this.method = Objects.requireNonNull(method, "method");
            this.interaction = Objects.requireNonNull(interaction, "interaction");
        }

        /**
         * Sets the resource type.
         *
         * @param resourceType the type, or {@code null} for none
         * @return this builder
         */
        public Builder resourceType(String resourceType) {
            this.resourceType = resourceType;
            return this;
        }

        /**
         * Sets the logical id.
         *
         * @param id the id, or {@code null} for none
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the version id.
         *
         * @param versionId the version id, or {@code null} for none
         * @return this builder
         */
        public Builder versionId(String versionId) {
            this.versionId = versionId;
            return this;
        }

        /**
         * Sets the compartment of a compartment search.
         *
         * @param compartment the compartment, or {@code null} for none
         * @return this builder
         */
        public Builder compartment(CompartmentRef compartment) {
            this.compartment = compartment;
            return this;
        }

        /**
         * Sets the operation name, with its {@code $}.
         *
         * @param operation the operation, or {@code null} for none
         * @return this builder
         */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /**
         * Sets the decoded parameters.
         *
         * @param parameters the parameters
         * @return this builder
         */
        public Builder parameters(QueryParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Replaces the batch or transaction entries.
         *
         * @param entries the entries, in Bundle order
         * @return this builder
         */
        public Builder entries(List<FhirRequest> entries) {
            this.entries.clear();
            this.entries.addAll(entries);
            return this;
        }

        /**
         * Sets the body resource.
         *
         * @param body the resource, or {@code null} for none
         * @return this builder
         */
        public Builder body(IBaseResource body) {
            this.body = body;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         */
        public FhirRequest build() {
            return new FhirRequest(this);
        }
    }
}
