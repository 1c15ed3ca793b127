package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves a parameter name, modifiers, chains (FHIR R4 §3.1.1.4.8) and reverse chains
 * ({@code _has}, §3.1.1.4.9) included, to the parameter whose grammar its value must follow.
 *
 * <p>A chain may have at most {@value #MAX_LINKS} links and {@code _has} may nest
 * {@value #MAX_HAS} deep; longer ones are refused as {@code param-invalid-name}, because each
 * link costs the server a join.
 */
final class ParameterResolver {
    static final int MAX_LINKS = 4;
    static final int MAX_HAS = 3;
    private static final String HAS = "_has:";

    private final SearchParamCatalog catalog;

    ParameterResolver(SearchParamCatalog catalog) {
        this.catalog = catalog;
    }

    /** Resolves {@code name} for a search on {@code type} (null: system-level search). */
    Resolution resolve(String type, String name) {
        if (name.startsWith(HAS)) {
            return has(type, name.substring(HAS.length()), 1);
        }
        String[] links = name.split("\\.", -1);
        if (links.length > MAX_LINKS) {
            return invalid("The chain has more than " + MAX_LINKS + " links.");
        }
        Set<String> candidates = type == null ? null : Set.of(type);
        for (int k = 0; k < links.length - 1; k++) {
            String[] link = splitModifier(links[k]);
            if (link == null) {
                return invalid("The parameter name is malformed.");
            }
            Optional<SearchParamInfo> info = find(candidates, link[0]);
            if (info.isEmpty()) {
                return unknown(link[0], candidates);
            }
            if (info.get().kind() != ParamKind.REFERENCE) {
                return invalid("Only reference parameters can be chained; '" + link[0]
                        + "' is a " + info.get().kind().label() + " parameter.");
            }
            if (link[1] != null && !(catalog.isResourceType(link[1])
                    && info.get().canPointTo(link[1]))) {
                return invalid("The chain link '" + Names.safe(links[k])
                        + "' names a type the parameter cannot point to.");
            }
            candidates = link[1] != null ? Set.of(link[1])
                    : info.get().targets().isEmpty() ? catalog.resourceTypes()
                    : info.get().targets();
        }
        return last(candidates, links[links.length - 1]);
    }

    private Resolution has(String type, String rest, int depth) {
        if (depth > MAX_HAS) {
            return invalid("_has nests more than " + MAX_HAS + " deep.");
        }
        if (type == null) {
            return invalid("_has needs a resource type; it cannot be used in a system search.");
        }
        String[] parts = rest.split(":", 3);
        if (parts.length < 3 || !catalog.isResourceType(parts[0])) {
            return invalid("_has is not _has:Type:reference:parameter with a known type.");
        }
        Optional<SearchParamInfo> ref = catalog.find(parts[0], parts[1]);
        if (ref.isEmpty() || ref.get().kind() != ParamKind.REFERENCE
                || !ref.get().canPointTo(type)) {
            return invalid("_has names '" + Names.safe(parts[1]) + "', which is no reference "
                    + "from " + parts[0] + " to " + type + ".");
        }
        if (parts[2].startsWith(HAS)) {
            return has(parts[0], parts[2].substring(HAS.length()), depth + 1);
        }
        if (parts[2].indexOf('.') >= 0) {
            return invalid("_has cannot end in a chain.");
        }
        return last(Set.of(parts[0]), parts[2]);
    }

    private Resolution last(Set<String> candidates, String link) {
        String[] parts = splitModifier(link);
        if (parts == null) {
            return invalid("The parameter name is malformed.");
        }
        Optional<SearchParamInfo> found = find(candidates, parts[0]);
        if (found.isEmpty()) {
            return unknown(parts[0], candidates);
        }
        SearchParamInfo info = found.get();
        String modifier = parts[1];
        if (modifier == null || info.kind().allows(modifier)) {
            return Resolution.of(info, modifier, null);
        }
        if (info.kind() == ParamKind.REFERENCE && catalog.isResourceType(modifier)) {
            return info.canPointTo(modifier) ? Resolution.of(info, null, modifier)
                    : Resolution.failed(Reason.PARAM_MODIFIER_NOT_ALLOWED, "The parameter '"
                            + info.name() + "' cannot point to a " + modifier + ".");
        }
        return Resolution.failed(Reason.PARAM_MODIFIER_NOT_ALLOWED, "The modifier ':"
                + Names.safe(modifier) + "' is not allowed on the " + info.kind().label()
                + " parameter '" + info.name() + "'.");
    }

    /** Splits {@code code[:modifier]}; null when either part is not a code. */
    private static String[] splitModifier(String link) {
        int colon = link.indexOf(':');
        String code = colon < 0 ? link : link.substring(0, colon);
        String modifier = colon < 0 ? null : link.substring(colon + 1);
        if (!Names.isCode(code) || (modifier != null && !Names.isCode(modifier))) {
            return null;
        }
        return new String[] {code, modifier};
    }

    private Optional<SearchParamInfo> find(Set<String> candidates, String code) {
        if (candidates == null) {
            return catalog.find(null, code);
        }
        for (String type : new TreeSet<>(candidates)) {
            Optional<SearchParamInfo> info = catalog.find(type, code);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    private static Resolution unknown(String code, Set<String> candidates) {
        String where = candidates == null ? "a system-level search"
                : candidates.size() == 1 ? candidates.iterator().next() : "the chained types";
        return Resolution.failed(Reason.PARAM_UNKNOWN, "The parameter '" + Names.safe(code)
                + "' is not defined for " + where + ".");
    }

    private static Resolution invalid(String description) {
        return Resolution.failed(Reason.PARAM_INVALID_NAME, description);
    }
}
