package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The result parameters of FHIR R4 §3.1.1.5.x that shape the answer rather than select
 * resources: {@code _count}, {@code _sort}, {@code _include}, {@code _revinclude},
 * {@code _summary}, {@code _elements}, {@code _total}, {@code _contained},
 * {@code _containedType}, {@code _format} and {@code _pretty}.
 */
final class ResultParameterRules {
    /** Result parameters that may appear once; a repeat is ambiguous, so it is refused. */
    static final Set<String> SINGLETONS = Set.of("_count", "_sort", "_summary", "_total",
            "_format", "_pretty", "_elements", "_contained", "_containedType");
    private static final Map<String, Set<String>> ENUMERATED = Map.of(
            "_summary", Set.of("true", "false", "text", "data", "count"),
            "_total", Set.of("none", "estimate", "accurate"),
            "_contained", Set.of("true", "false", "both"),
            "_containedType", Set.of("container", "contained"),
            "_pretty", Set.of("true", "false"));
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final Pattern ELEMENT = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final SearchParamCatalog catalog;
    private final SearchParameterEngine.Settings settings;

    ResultParameterRules(SearchParamCatalog catalog, SearchParameterEngine.Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /**
     * The outcome for one result parameter.
     *
     * @param errors what is wrong with it
     * @param warning what was changed, or null
     * @param value the value to pass on (the clamped {@code _count}, else unchanged)
     */
    record Result(List<Finding> errors, Finding warning, String value) {
    }

    static boolean handles(String baseName) {
        return SINGLETONS.contains(baseName) || baseName.equals("_include")
                || baseName.equals("_revinclude");
    }

    Result check(String type, QueryParameter p) {
        String base = p.baseName();
        String modifier = base.length() == p.name().length() ? null
                : p.name().substring(base.length() + 1);
        boolean include = base.equals("_include") || base.equals("_revinclude");
        if (modifier != null && !(include && modifier.equals("iterate"))) {
            return failed(new Finding(Reason.PARAM_MODIFIER_NOT_ALLOWED, "The modifier ':"
                    + Names.safe(modifier) + "' is not allowed on " + base + "."));
        }
        if (base.equals("_count")) {
            return count(p.value());
        }
        List<Finding> errors = switch (base) {
            case "_sort" -> sort(type, p.value());
            case "_include", "_revinclude" -> IncludeRule.check(catalog, type, base,
                    modifier != null, p.value(), settings.wildcardIncludeAllowed());
            case "_elements" -> elements(type, p.value());
            case "_format" -> format(p.value());
            default -> enumerated(base, p.value());
        };
        return new Result(errors, null, p.value());
    }

    private Result count(String value) {
        if (!COUNT.matcher(value).matches()) {
            return failed(new Finding(Reason.PARAM_INVALID_COUNT,
                    "_count is not a whole number from 0 to 999999999."));
        }
        int count = Integer.parseInt(value);
        if (count <= settings.maxCount()) {
            return new Result(List.of(), null, value);
        }
        Finding warning = new Finding(Reason.PARAM_COUNT_CLAMPED, "_count was lowered to the "
                + "maximum page size " + settings.maxCount() + ".");
        return new Result(List.of(), warning, Integer.toString(settings.maxCount()));
    }

    private List<Finding> sort(String type, String value) {
        List<String> keys = ValueSplitter.split(value, ',');
        if (keys.size() > settings.maxValues()) {
            return List.of(TypedValueChecker.tooManyValues(settings.maxValues()));
        }
        for (String key : keys) {
            String code = key.startsWith("-") ? key.substring(1) : key;
            if (!Names.isCode(code) || catalog.find(type, code).isEmpty()) {
                return List.of(new Finding(Reason.PARAM_INVALID_SORT, "_sort names '"
                        + Names.safe(code) + "', which is no search parameter of "
                        + (type == null ? "every resource" : type) + "."));
            }
        }
        return List.of();
    }

    private List<Finding> elements(String type, String value) {
        List<String> names = ValueSplitter.split(value, ',');
        if (names.size() > settings.maxValues()) {
            return List.of(TypedValueChecker.tooManyValues(settings.maxValues()));
        }
        List<Finding> errors = new ArrayList<>();
        for (String name : names) {
            if (!ELEMENT.matcher(name).matches() || !catalog.elements(type).contains(name)) {
                errors.add(new Finding(Reason.PARAM_INVALID_ELEMENTS, "_elements names '"
                        + Names.safe(name) + "', which is no element of "
                        + (type == null ? "any resource" : type) + "."));
            }
        }
        return errors;
    }

    private List<Finding> format(String value) {
        return settings.formats().contains(value.toLowerCase(Locale.ROOT)) ? List.of()
                : List.of(new Finding(Reason.PARAM_FORMAT_NOT_ALLOWED,
                        "_format is not one of the allowed formats "
                                + String.join(", ", new TreeSet<>(settings.formats()))
                                + "."));
    }

    private static List<Finding> enumerated(String base, String value) {
        Set<String> allowed = ENUMERATED.get(base);
        return allowed.contains(value) ? List.of()
                : List.of(new Finding(Reason.PARAM_INVALID_VALUE, base + " must be one of "
                        + String.join(", ", new TreeSet<>(allowed)) + "."));
    }

    private static Result failed(Finding finding) {
        return new Result(List.of(finding), null, null);
    }
}
