package io.fhirguard.request;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import java.util.stream.Collectors;

/** Test helpers that write a parsed request or a refusal as one comparable line. */
final class RequestDescriptions {
    private RequestDescriptions() {
    }

    /**
     * Writes every field of a request, values unmasked, for example
     * {@code SEARCH_COMPARTMENT type=Observation in=Patient/1 params=[code=x]}.
     */
    static String describe(FhirRequest r) {
        StringBuilder s = new StringBuilder(r.interaction().name());
        r.resourceType().ifPresent(t -> s.append(" type=").append(t));
        r.id().ifPresent(id -> s.append(" id=").append(id));
        r.versionId().ifPresent(v -> s.append(" vid=").append(v));
        r.compartment().ifPresent(c -> s.append(" in=").append(c.type()).append('/')
                .append(c.id()));
        r.operation().ifPresent(o -> s.append(" op=").append(o));
        if (!r.parameters().isEmpty()) {
            s.append(" params=").append(r.parameters().asList().stream()
                    .map(p -> p.name() + "=" + p.value())
                    .collect(Collectors.joining("&", "[", "]")));
        }
        return s.toString();
    }

    /** Writes every problem as {@code REASON@location}, joined with {@code "; "}. */
    static String problems(FhirGuardException e) {
        return e.problems().stream()
                .map(p -> p.reason().name() + "@" + p.location().orElse(""))
                .collect(Collectors.joining("; "));
    }

    static String problem(Problem p) {
        return p.reason().name() + "@" + p.location().orElse("");
    }
}
