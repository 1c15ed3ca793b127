package io.fhirguard.sanitize;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.sanitize.internal.SearchParameterEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the parameters of a FHIR R4 search against what FHIR allows for the resource type,
 * and returns them unchanged or refuses the search listing every problem.
 *
 * <p>The rules (details in {@code docs/sanitizer.md}):
 * <ul>
 *   <li>Names: each parameter must be defined for the resource type in HAPI's model
 *   ({@code RuntimeResourceDefinition.getSearchParams()}), be one of the common parameters
 *   ({@code _id}, {@code _lastUpdated}, {@code _tag}, {@code _profile}, {@code _security},
 *   {@code _source}, {@code _has}, {@code _list}, {@code _text}, {@code _content},
 *   {@code _filter}) or one of the result parameters; chains and {@code _has} are resolved
 *   link by link. Unknown parameters are refused or, in lenient mode, dropped with a
 *   warning.</li>
 *   <li>Modifiers only where the type allows them (FHIR R4 §3.1.1.5).</li>
 *   <li>Values follow their type's grammar: token, date (real calendar dates only), number,
 *   quantity, reference (absolute only under a configured base), uri, composite, special;
 *   string values are data and pass unchanged.</li>
 *   <li>Result parameters: {@code _count} clamped with a warning, {@code _sort} and
 *   {@code _elements} checked against the type, {@code _include}/{@code _revinclude} as
 *   {@code Type:param[:target]}, wildcards refused, {@code _format} from an allow-list, and
 *   singletons such as {@code _count} at most once.</li>
 *   <li>Paging: a system-level request with {@code _getpages} (an id of 1 to 64 of
 *   {@code [A-Za-z0-9-]}) may carry only {@code _getpagesoffset} (a whole number),
 *   {@code _bundletype=searchset}, {@code _count}, {@code _format} and {@code _pretty}, each
 *   once; any other parameter, or {@code _getpages} on a type, is refused in both modes.</li>
 *   <li>Limits on parameters, values, value length and query length; control characters and
 *   unpaired surrogates refused everywhere.</li>
 * </ul>
 *
 * <p>Values arrive decoded once (as the request parser made them) and are never decoded again:
 * {@code %41} in a value is the three characters {@code %}, {@code 4}, {@code 1}. That is
 * legal in a string parameter and refused by the token, date, number and reference grammars.
 *
 * <p>Build one validator and share it: it is immutable and thread-safe. The first validator on a
 * {@code FhirContext} makes HAPI scan all 146 R4 resource definitions, which takes seconds;
 * later ones on the same context take tens of milliseconds.
 *
 * <p>Known shortcomings: token codes and systems may not contain {@code % ' " < > ; `} or
 * braces, though FHIR's {@code code} type would allow some of them; special parameters accept
 * only letters, digits, spaces and {@code . | + - _ : /}; and {@code _filter}, {@code _text}
 * and {@code _content} are checked as free text only, not parsed; and {@code urn:uuid:} or
 * canonical ({@code url|version}) values in reference parameters are refused unless their base
 * is one of {@link SanitizerConfig#allowedReferenceBases()}.
 *
 * @since 1.0
 */
public final class SearchParameterValidator {
    private static final Logger log = LoggerFactory.getLogger(SearchParameterValidator.class);

    private final SearchParameterEngine engine;

    private SearchParameterValidator(SearchParameterEngine engine) {
        this.engine = engine;
    }

    /**
     * Creates a validator, precomputing the parameter tables of every resource type.
     *
     * @param config the settings
     * @return a thread-safe validator
     * @throws NullPointerException when {@code config} is null
     */
    public static SearchParameterValidator create(SanitizerConfig config) {
        Objects.requireNonNull(config, "config");
        SearchParameterEngine.Settings settings = new SearchParameterEngine.Settings(
                config.unknownParameterMode() == UnknownParameterMode.LENIENT, config.maxCount(),
                config.maxParameters(), config.maxValuesPerParameter(), config.maxValueLength(),
                config.maxQueryLength(), config.allowedFormats(), config.allowedReferenceBases(),
                config.isWildcardIncludeAllowed());
        return new SearchParameterValidator(
                SearchParameterEngine.create(config.fhirContext(), settings));
    }

    /**
     * Checks the parameters of one search.
     *
     * @param resourceType the searched type, such as {@code Observation}, or {@code null} for a
     *     system-level search (then only common and result parameters are known)
     * @param parameters the parameters, decoded once
     * @return the canonical parameters and any warnings
     * @throws FhirGuardException when anything is wrong (HTTP 400): its problems list every
     *     error, each located as {@code parameter[i] name} with {@code i} counted from 0 in
     *     the order received, followed by any warnings; the primary reason is the first
     *     error's. Codes are the {@code param-*} reasons in {@code docs/reasons.md}, and
     *     {@code request-unknown-resource-type} for a type FHIR R4 does not define.
     * @throws NullPointerException when {@code parameters} is null
     */
    public SanitizedParameters validate(String resourceType, QueryParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        SearchParameterEngine.Outcome outcome = engine.run(resourceType, parameters);

        if (!outcome.errors().isEmpty()) {
            throw refusal(outcome);
        }
        if (!outcome.warnings().isEmpty()) {
            log.debug("Search allowed with {} warning(s), first {}", outcome.warnings().size(),
                    outcome.warnings().get(0).reason().code());
        }
        return new SanitizedParameters(QueryParameters.of(outcome.parameters()),
                outcome.warnings());
    }

    private static FhirGuardException refusal(SearchParameterEngine.Outcome outcome) {
        Problem first = outcome.errors().get(0);
        int count = outcome.errors().size();
        String description = count == 1 ? first.description()
                : first.description() + " (and " + (count - 1) + " more problem"
                        + (count == 2 ? "" : "s") + ")";
        List<Problem> problems = new ArrayList<>(outcome.errors());
        problems.addAll(outcome.warnings());
        log.debug("Search refused: {} problem(s), first {} at {}", count, first.reason().code(),
                first.location().orElse("query"));
        return FhirGuardException.builder(first.reason(), description).problems(problems)
                .build();
    }
}
