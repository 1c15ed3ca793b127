package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.CompartmentRef;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.internal.PathTarget.BodyKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps an HTTP method and decoded path segments to the FHIR R4 REST interaction they address
 * ({@code http.html}, {@code search.html}, {@code operations.html}), checking resource types,
 * ids and operation names on the way. Every check runs, so a path with an unknown type and a
 * bad id reports both. Thread-safe: immutable after construction.
 */
final class PathClassifier {
    /** FHIR R4 {@code id} datatype. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** An operation name as OperationDefinition.code writes them, after its {@code $}. */
    private static final Pattern OPERATION = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_\\-]{0,63}");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");
    private static final Set<String> SEARCH_METHODS = Set.of("GET", "HEAD", "POST");
    private static final Set<String> OPERATION_METHODS = Set.of("GET", "POST");
    /** The R4 resource types that own a CompartmentDefinition. */
    private static final Set<String> COMPARTMENT_OWNERS =
            Set.of("Patient", "Encounter", "RelatedPerson", "Practitioner", "Device");

    private final Set<String> resourceTypes;

    PathClassifier(Set<String> resourceTypes) {
        this.resourceTypes = Set.copyOf(resourceTypes);
    }

    /**
     * Classifies a request.
     *
     * @param hasParameters whether the query holds at least one parameter (a conditional
     *     update, patch or delete needs them)
     * @return the target, or empty when any problem was recorded
     */
    Optional<PathTarget> classify(String method, List<String> segments, boolean hasParameters,
            ProblemList problems) {
        if (!METHODS.contains(method)) {
            problems.add(Reason.REQUEST_METHOD_NOT_ALLOWED,
                    "the HTTP method is not one FHIR REST uses", "method");
            return Optional.empty();
        }

        int mark = problems.mark();
        PathTarget target;
        if (segments.isEmpty()) {
            target = base(method, problems);
        } else if (isSystemSegment(segments.get(0))) {
            target = system(method, segments, problems);
        } else {
            target = typeLevel(method, segments, hasParameters, problems);
        }
        return problems.hasNewSince(mark) ? Optional.empty() : Optional.ofNullable(target);
    }

    private static boolean isSystemSegment(String segment) {
        return segment.equals("metadata") || segment.startsWith("_") || segment.startsWith("$");
    }

    private static PathTarget base(String method, ProblemList problems) {
        if (method.equals("POST")) {
            return PathTarget.of(Interaction.BATCH, null).withBody(BodyKind.BUNDLE);
        }
        allow(method, READ_METHODS, "the base", problems, "method");
        return PathTarget.of(Interaction.SEARCH_SYSTEM, null);
    }

    private PathTarget system(String method, List<String> s, ProblemList problems) {
        String first = s.get(0);
        if (s.size() > 1) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                    "no segment may follow a system-level segment", "path[1]");
        }
        switch (first) {
            case "metadata":
                allow(method, READ_METHODS, "metadata", problems, "method");
                return PathTarget.of(Interaction.CAPABILITIES, null);
            case "_history":
                allow(method, READ_METHODS, "system history", problems, "method");
                return PathTarget.of(Interaction.HISTORY_SYSTEM, null);
            case "_search":
                allow(method, SEARCH_METHODS, "_search", problems, "method");
                return search(Interaction.SEARCH_SYSTEM, null, method);
            default:
                if (first.startsWith("$")) {
                    return operation(Interaction.OPERATION_SYSTEM, null, first, "path[0]",
                            method, problems);
                }
                problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                        "unknown system-level segment", "path[0]");
                return null;
        }
    }

    private PathTarget typeLevel(String method, List<String> s, boolean hasParameters,
            ProblemList problems) {
        String type = s.get(0);
        checkType(type, "path[0]", problems);
        if (s.size() > 2 && (s.get(1).startsWith("_") || s.get(1).startsWith("$"))) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH, "no segment may follow _history, "
                    + "_search or an operation on a resource type", "path[2]");
            return null;
        }
        switch (s.size()) {
            case 1:
                return typeRoot(method, type, hasParameters, problems);
            case 2:
                return typeChild(method, type, s.get(1), problems);
            case 3:
                checkId(s.get(1), "path[1]", problems);
                return instanceChild(method, type, s.get(1), s.get(2), problems);
            case 4:
                checkId(s.get(1), "path[1]", problems);
                return instanceGrandChild(method, type, s, problems);
            default:
                problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                        "the path has more segments than any FHIR interaction", "path[4]");
                return null;
        }
    }

    private static PathTarget typeRoot(String method, String type, boolean hasParameters,
            ProblemList problems) {
        switch (method) {
            case "POST":
                return PathTarget.of(Interaction.CREATE, type);
            case "PUT":
            case "PATCH":
            case "DELETE":
                // A conditional write without criteria would hit every resource of the type.
                if (!hasParameters) {
                    problems.add(Reason.REQUEST_METHOD_NOT_ALLOWED, method
                            + " on a resource type needs search parameters (a conditional "
                            + "write)", "method");
                }
                return PathTarget.of(writeInteraction(method), type);
            default:
                return PathTarget.of(Interaction.SEARCH_TYPE, type);
        }
    }

    private PathTarget typeChild(String method, String type, String segment,
            ProblemList problems) {
        if (segment.equals("_search")) {
            allow(method, SEARCH_METHODS, "_search", problems, "method");
            return search(Interaction.SEARCH_TYPE, type, method);
        }
        if (segment.equals("_history")) {
            allow(method, READ_METHODS, "type history", problems, "method");
            return PathTarget.of(Interaction.HISTORY_TYPE, type);
        }
        if (segment.startsWith("$")) {
            return operation(Interaction.OPERATION_TYPE, type, segment, "path[1]", method,
                    problems);
        }
        if (segment.startsWith("_")) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH, "unknown segment after a resource "
                    + "type", "path[1]");
            return null;
        }

        checkId(segment, "path[1]", problems);
        if (method.equals("POST")) {
            problems.add(Reason.REQUEST_METHOD_NOT_ALLOWED,
                    "POST is not allowed on a resource instance", "method");
            return null;
        }
        Interaction interaction = READ_METHODS.contains(method) ? Interaction.READ
                : writeInteraction(method);
        return PathTarget.of(interaction, type).withId(segment);
    }

    private PathTarget instanceChild(String method, String type, String id, String segment,
            ProblemList problems) {
        if (segment.equals("_history")) {
            allow(method, READ_METHODS, "instance history", problems, "method");
            return PathTarget.of(Interaction.HISTORY_INSTANCE, type).withId(id);
        }
        if (segment.startsWith("$")) {
            return operation(Interaction.OPERATION_INSTANCE, type, segment, "path[2]", method,
                    problems).withId(id);
        }
        allow(method, READ_METHODS, "a compartment search", problems, "method");
        return compartment(type, id, segment, problems);
    }

    private PathTarget instanceGrandChild(String method, String type, List<String> s,
            ProblemList problems) {
        if (s.get(2).equals("_history")) {
            checkId(s.get(3), "path[3]", problems);
            allow(method, READ_METHODS, "a version read", problems, "method");
            return PathTarget.of(Interaction.VREAD, type).withId(s.get(1))
                    .withVersionId(s.get(3));
        }
        if (s.get(3).equals("_search")) {
            allow(method, SEARCH_METHODS, "_search", problems, "method");
            PathTarget target = compartment(type, s.get(1), s.get(2), problems);
            return target == null ? null : target.withBody(formIfPost(method));
        }
        problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                "no FHIR interaction has this path shape", "path[3]");
        return null;
    }

    private PathTarget compartment(String owner, String id, String searched,
            ProblemList problems) {
        if (searched.equals("*")) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                    "a compartment search across all types ('*') is not supported", "path[2]");
            return null;
        }
        if (searched.startsWith("_") || !Character.isUpperCase(searched.charAt(0))) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH, "unknown segment after a resource id",
                    "path[2]");
            return null;
        }
        checkType(searched, "path[2]", problems);
        if (resourceTypes.contains(owner) && !COMPARTMENT_OWNERS.contains(owner)) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH,
                    owner + " owns no compartment, so it cannot be searched in", "path[0]");
        }
        return PathTarget.of(Interaction.SEARCH_COMPARTMENT, searched)
                .withCompartment(new CompartmentRef(owner, id));
    }

    private static PathTarget operation(Interaction interaction, String type, String name,
            String location, String method, ProblemList problems) {
        if (!OPERATION.matcher(name).matches()) {
            problems.add(Reason.REQUEST_UNSUPPORTED_PATH, "not a valid operation name",
                    location);
        }
        allow(method, OPERATION_METHODS, "an operation", problems, "method");
        return PathTarget.of(interaction, type).withOperation(name);
    }

    private static PathTarget search(Interaction interaction, String type, String method) {
        return PathTarget.of(interaction, type).withBody(formIfPost(method));
    }

    private static BodyKind formIfPost(String method) {
        return method.equals("POST") ? BodyKind.FORM : BodyKind.NONE;
    }

    private static Interaction writeInteraction(String method) {
        switch (method) {
            case "PUT":
                return Interaction.UPDATE;
            case "PATCH":
                return Interaction.PATCH;
            default:
                return Interaction.DELETE;
        }
    }

    private void checkType(String type, String location, ProblemList problems) {
        if (!resourceTypes.contains(type)) {
            problems.add(Reason.REQUEST_UNKNOWN_RESOURCE_TYPE,
                    "not a resource type of this server's FHIR version", location);
        }
    }

    private static void checkId(String id, String location, ProblemList problems) {
        if (!ID.matcher(id).matches()) {
            problems.add(Reason.REQUEST_INVALID_ID, "not a valid FHIR id "
                    + "([A-Za-z0-9-.], 1 to 64 characters)", location);
        }
    }

    private static void allow(String method, Set<String> allowed, String what,
            ProblemList problems, String location) {
        if (!allowed.contains(method)) {
            problems.add(Reason.REQUEST_METHOD_NOT_ALLOWED,
                    method + " is not allowed on " + what + "; allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()), location);
        }
    }
}
