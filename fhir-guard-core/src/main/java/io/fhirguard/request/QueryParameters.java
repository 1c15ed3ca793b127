package io.fhirguard.request;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable, ordered list of decoded query parameters. Names may repeat
 * ({@code date=ge2025-03-01&date=le2025-03-08}); order is kept exactly as received.
 *
 * @since 1.0
 */
public final class QueryParameters implements Iterable<QueryParameter> {
    private static final QueryParameters EMPTY = new QueryParameters(List.of());

    private final List<QueryParameter> parameters;

    private QueryParameters(List<QueryParameter> parameters) {
        this.parameters = parameters;
    }

    /**
     * Returns the empty list.
     *
     * @return no parameters
     */
    public static QueryParameters empty() {
        return EMPTY;
    }

    /**
     * Creates a list from the given parameters, in order.
     *
     * @param parameters the parameters
     * @return an immutable copy
     */
    public static QueryParameters of(List<QueryParameter> parameters) {
        return parameters.isEmpty() ? EMPTY : new QueryParameters(List.copyOf(parameters));
    }

    /**
     * Returns every parameter, in order.
     *
     * @return an unmodifiable list
     */
    public List<QueryParameter> asList() {
        return parameters;
    }

    /**
     * Returns the values of every parameter whose full name (modifiers included) equals the
     * given one, in order.
     *
     * @param name a parameter name such as {@code patient} or {@code code:not}
     * @return the values, possibly none
     */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (QueryParameter p : parameters) {
            if (p.name().equals(name)) {
                values.add(p.value());
            }
        }
        return values;
    }

    /**
     * Tells whether a parameter with this exact name is present.
     *
     * @param name the full name
     * @return true when at least one parameter has it
     */
    public boolean contains(String name) {
        return parameters.stream().anyMatch(p -> p.name().equals(name));
    }

    /**
     * Returns the distinct parameter names in order of first appearance.
     *
     * @return the names, safe to log or audit (values are not included)
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Returns a copy with one parameter added at the end.
     *
     * @param parameter the parameter to add
     * @return a new list
     */
    public QueryParameters with(QueryParameter parameter) {
        List<QueryParameter> copy = new ArrayList<>(parameters);
        copy.add(Objects.requireNonNull(parameter, "parameter"));
        return new QueryParameters(List.copyOf(copy));
    }

    /**
     * Returns a copy without the parameters the predicate matches.
     *
     * @param filter which parameters to remove
     * @return a new list
     */
    public QueryParameters without(Predicate<QueryParameter> filter) {
        List<QueryParameter> copy = new ArrayList<>(parameters);
        copy.removeIf(filter);
        return of(copy);
    }

    /**
     * Tells whether there are no parameters.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /**
     * Returns the number of parameters, repeats included.
     *
     * @return the size
     */
    public int size() {
        return parameters.size();
    }

    @Override
    public Iterator<QueryParameter> iterator() {
        return parameters.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryParameters q && parameters.equals(q.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    /**
     * Shows names only; values may identify a patient.
     *
     * @return the parameter names with masked values
     */
    @Override
    public String toString() {
        return parameters.toString();
    }
}
