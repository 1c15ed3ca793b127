package io.fhirguard.sanitize.internal;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every sanitizer rule over one search and collects what it finds. Immutable after
 * {@link #create}, so one engine serves every thread.
 */
public final class SearchParameterEngine {
    private final SearchParamCatalog catalog;
    private final Settings settings;
    private final ParameterResolver resolver;
    private final TypedValueChecker values;
    private final ResultParameterRules results;

    /**
     * The settings the engine needs, copied from {@code SanitizerConfig} so that this package
     * does not depend back on the API package.
     *
     * @param lenient drop unknown parameters with a warning instead of refusing them
     * @param maxCount the largest {@code _count} passed on
     * @param maxParameters the most parameters one search may have
     * @param maxValues the most comma-separated values one parameter may hold
     * @param maxValueLength the longest value, in characters
     * @param maxQueryLength the longest decoded query, in characters
     * @param formats the {@code _format} allow-list, lower case
     * @param bases the allowed absolute reference bases, without trailing slash
     * @param wildcardIncludeAllowed whether {@code _include=*} is accepted
     */
    public record Settings(boolean lenient, int maxCount, int maxParameters, int maxValues,
            int maxValueLength, int maxQueryLength, Set<String> formats, List<String> bases,
            boolean wildcardIncludeAllowed) {
        /** Copies the collections. */
        public Settings {
            formats = Set.copyOf(formats);
            bases = List.copyOf(bases);
        }
    }

    /**
     * What the engine found.
     *
     * @param parameters the parameters to pass on, in order
     * @param warnings what was changed or dropped
     * @param errors why the search must be refused; empty when it may go ahead
     */
    public record Outcome(List<QueryParameter> parameters, List<Problem> warnings,
            List<Problem> errors) {
    }

    private SearchParameterEngine(SearchParamCatalog catalog, Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.resolver = new ParameterResolver(catalog);
        this.values = new TypedValueChecker(
                new ReferenceGrammar(catalog, settings.bases()), settings.maxValues());
        this.results = new ResultParameterRules(catalog, settings);
    }

    /** Reads the context's resource definitions once and builds the engine. */
    public static SearchParameterEngine create(FhirContext context, Settings settings) {
        return new SearchParameterEngine(SearchParamCatalog.from(context), settings);
    }

    /** Checks every parameter of a search on {@code type} (null: system-level search). */
    public Outcome run(String type, QueryParameters parameters) {
        if (type != null && !catalog.isResourceType(type)) {
            return refused(Problem.error(Reason.REQUEST_UNKNOWN_RESOURCE_TYPE,
                    "The search names a resource type FHIR R4 does not define."));
        }
        if (parameters.size() > settings.maxParameters()) {
            return refused(Problem.error(Reason.PARAM_TOO_MANY, "The search has "
                    + parameters.size() + " parameters; at most " + settings.maxParameters()
                    + " are allowed."));
        }

        if (PagingRules.isPaging(parameters)) {
            return paging(type, parameters);
        }

        Run run = new Run(type);
        List<QueryParameter> list = parameters.asList();
        for (int i = 0; i < list.size(); i++) {
            run.check(i, list.get(i));
        }

        if (queryLength(list) > settings.maxQueryLength()) {
            run.errors.add(Problem.error(Reason.PARAM_QUERY_TOO_LONG, "The decoded query is "
                    + "longer than " + settings.maxQueryLength() + " characters."));
        }
        return new Outcome(List.copyOf(run.kept), List.copyOf(run.warnings),
                List.copyOf(run.errors));
    }

    // A paging request only names a page of a search the server already ran: it is accepted
    // at system level with the paging parameters and the ones that shape the answer.
    private Outcome paging(String type, QueryParameters parameters) {
        if (type != null) {
            return refused(Problem.error(Reason.PARAM_UNKNOWN, "_getpages is accepted only at "
                    + "the server's base URL, not in a search of a type."));
        }
        Run run = new Run(null);
        List<QueryParameter> list = parameters.asList();
        for (int i = 0; i < list.size(); i++) {
            QueryParameter p = list.get(i);
            String location = "parameter[" + i + "] " + Names.safe(p.name());
            Optional<Finding> text = CharacterCheck.check("name", p.name())
                    .or(() -> CharacterCheck.check("value", p.value()));
            if (text.isPresent()) {
                run.error(text.get(), location);
            } else if (PagingRules.handles(p.name())) {
                if (!run.singletonsSeen.add(p.name())) {
                    run.error(new Finding(Reason.PARAM_DUPLICATE_SINGLETON, p.name()
                            + " may appear only once."), location);
                } else {
                    PagingRules.check(p).ifPresentOrElse(f -> run.error(f, location),
                            () -> run.kept.add(p));
                }
            } else if (PagingRules.SHAPING.contains(p.name())) {
                run.check(i, p);
            } else {
                run.error(new Finding(Reason.PARAM_UNKNOWN, "Only _getpagesoffset, _bundletype,"
                        + " _count, _format and _pretty may accompany _getpages; the other "
                        + "search parameters belong to the search that made the page."),
                        location);
            }
        }
        return new Outcome(List.copyOf(run.kept), List.copyOf(run.warnings),
                List.copyOf(run.errors));
    }

    private static long queryLength(List<QueryParameter> list) {
        long length = Math.max(0, list.size() - 1);
        for (QueryParameter p : list) {
            length += p.name().length() + 1L + p.value().length();
        }
        return length;
    }

    private static Outcome refused(Problem problem) {
        return new Outcome(List.of(), List.of(), List.of(problem));
    }

    /** The state of one run; not shared between threads. */
    private final class Run {
        private final String type;
        private final List<QueryParameter> kept = new ArrayList<>();
        private final List<Problem> warnings = new ArrayList<>();
        private final List<Problem> errors = new ArrayList<>();
        private final Set<String> singletonsSeen = new HashSet<>();

        Run(String type) {
            this.type = type;
        }

        void check(int index, QueryParameter p) {
            String location = "parameter[" + index + "] " + Names.safe(p.name());
            Optional<Finding> text = CharacterCheck.check("name", p.name())
                    .or(() -> CharacterCheck.check("value", p.value()));
            if (text.isPresent()) {
                error(text.get(), location);
                return;
            }
            if (p.value().length() > settings.maxValueLength()) {
                error(new Finding(Reason.PARAM_VALUE_TOO_LONG, "The value is longer than "
                        + settings.maxValueLength() + " characters."), location);
                return;
            }
            if (ResultParameterRules.SINGLETONS.contains(p.baseName())
                    && !singletonsSeen.add(p.baseName())) {
                error(new Finding(Reason.PARAM_DUPLICATE_SINGLETON, p.baseName()
                        + " may appear only once."), location);
                return;
            }

            if (ResultParameterRules.handles(p.baseName())) {
                checkResult(p, location);
            } else {
                checkSearch(p, location);
            }
        }

        private void checkResult(QueryParameter p, String location) {
            ResultParameterRules.Result result = results.check(type, p);
            result.errors().forEach(f -> error(f, location));
            if (result.warning() != null) {
                warnings.add(Problem.warning(result.warning().reason(),
                        result.warning().description(), location));
            }
            if (result.errors().isEmpty()) {
                kept.add(new QueryParameter(p.name(), result.value()));
            }
        }

        private void checkSearch(QueryParameter p, String location) {
            Resolution r = resolver.resolve(type, p.name());
            if (r.isUnknown() && settings.lenient()) {
                warnings.add(Problem.warning(Reason.PARAM_UNKNOWN_DROPPED,
                        r.failure().description() + " It was dropped.", location));
                return;
            }
            if (r.failure() != null) {
                error(r.failure(), location);
                return;
            }
            List<Finding> findings = values.check(r, p.value());
            findings.forEach(f -> error(f, location));
            if (findings.isEmpty()) {
                kept.add(p);
            }
        }

        private void error(Finding finding, String location) {
            errors.add(Problem.error(finding.reason(), finding.description(), location));
        }
    }
}
