package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reference search grammar (FHIR R4 §3.1.1.5.6): {@code id}, {@code Type/id} or
 * {@code Type/id/_history/version}; an absolute URL only when its base is one of the configured
 * bases and the rest has one of those shapes.
 *
 * <p>Absolute references outside the configured bases are refused, {@code urn:uuid:} and
 * canonical URLs ({@code url|version}) included; a deployment that needs them must list their
 * base. The type named in the value must be one the parameter can point to.
 */
final class ReferenceGrammar {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:.*");

    private final SearchParamCatalog catalog;
    private final List<String> bases;

    ReferenceGrammar(SearchParamCatalog catalog, List<String> bases) {
        this.catalog = catalog;
        this.bases = List.copyOf(bases);
    }

    /**
     * Checks one reference value.
     *
     * @param info the reference parameter
     * @param typeModifier the type from a {@code :Type} modifier, or null
     */
    Optional<Finding> check(String value, SearchParamInfo info, String typeModifier) {
        if (SCHEME.matcher(value).matches()) {
            return absolute(value, info, typeModifier);
        }
        return relative(value, info, typeModifier);
    }

    private Optional<Finding> absolute(String value, SearchParamInfo info, String typeModifier) {
        for (String base : bases) {
            if (value.startsWith(base + "/")) {
                String rest = value.substring(base.length() + 1);
                return rest.indexOf('/') < 0 ? shape() : relative(rest, info, typeModifier);
            }
        }
        return bad(Reason.PARAM_ABSOLUTE_REFERENCE_REFUSED, "The reference is an absolute URL "
                + "whose base is not an allowed reference base.");
    }

    private Optional<Finding> relative(String value, SearchParamInfo info, String typeModifier) {
        String[] parts = value.split("/", -1);
        if (parts.length == 1) {
            return ValueGrammar.isId(value) ? Optional.empty() : shape();
        }
        boolean history = parts.length == 4 && parts[2].equals("_history")
                && ValueGrammar.isId(parts[3]);
        if (!(parts.length == 2 || history) || !ValueGrammar.isId(parts[1])) {
            return shape();
        }
        String type = parts[0];
        if (!catalog.isResourceType(type)) {
            return bad(Reason.PARAM_INVALID_REFERENCE,
                    "The reference names a resource type FHIR R4 does not define.");
        }
        if (typeModifier != null && !typeModifier.equals(type)) {
            return bad(Reason.PARAM_INVALID_REFERENCE,
                    "The reference names a type other than its :type modifier.");
        }
        if (!info.canPointTo(type)) {
            return bad(Reason.PARAM_INVALID_REFERENCE, "The parameter '" + info.name()
                    + "' cannot point to a " + type + ".");
        }
        return Optional.empty();
    }

    private static Optional<Finding> shape() {
        return bad(Reason.PARAM_INVALID_REFERENCE,
                "The reference is not id, Type/id or Type/id/_history/version.");
    }

    private static Optional<Finding> bad(Reason reason, String description) {
        return Optional.of(new Finding(reason, description));
    }
}
