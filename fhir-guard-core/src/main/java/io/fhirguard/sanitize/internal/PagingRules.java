package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of a HAPI FHIR paging link ({@code [base]?_getpages=<id>&_getpagesoffset=N
 * &_count=M&_bundletype=searchset}): each may appear once, with a strict grammar.
 */
final class PagingRules {
    /** The result parameters that may accompany {@code _getpages}. */
    static final Set<String> SHAPING = Set.of("_count", "_format", "_pretty");
    private static final Set<String> PAGING = Set.of("_getpages", "_getpagesoffset",
            "_bundletype");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern OFFSET = Pattern.compile("\\d{1,9}");

    private PagingRules() {
    }

    /** Tells whether the request asks for a page of an earlier search. */
    static boolean isPaging(QueryParameters parameters) {
        return parameters.asList().stream().anyMatch(p -> p.baseName().equals("_getpages"));
    }

    /** Tells whether the name, modifiers included, is one of the paging parameters. */
    static boolean handles(String name) {
        return PAGING.contains(name);
    }

    /** Checks the value of one paging parameter; empty when it is well formed. */
    static Optional<Finding> check(QueryParameter p) {
        return switch (p.name()) {
            case "_getpages" -> ID.matcher(p.value()).matches() ? Optional.empty()
                    : Optional.of(new Finding(Reason.PARAM_INVALID_VALUE,
                            "_getpages must be 1 to 64 of A-Z, a-z, 0-9 and '-'."));
            case "_getpagesoffset" -> OFFSET.matcher(p.value()).matches() ? Optional.empty()
                    : Optional.of(new Finding(Reason.PARAM_INVALID_VALUE,
                            "_getpagesoffset is not a whole number from 0 to 999999999."));
            default -> p.value().equals("searchset") ? Optional.empty()
                    : Optional.of(new Finding(Reason.PARAM_INVALID_VALUE,
                            "_bundletype must be searchset."));
        };
    }
}
