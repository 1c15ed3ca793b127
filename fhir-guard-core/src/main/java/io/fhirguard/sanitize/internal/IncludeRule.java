package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.List;
import java.util.Optional;

/**
 * {@code _include} and {@code _revinclude} (FHIR R4 §3.1.1.5.4): {@code Type:param[:target]},
 * where {@code param} is a reference parameter of {@code Type} and {@code target} a type it can
 * point to. Without {@code :iterate}, an {@code _include} must start at the searched type and a
 * {@code _revinclude} must point back to it. Wildcards are refused unless configured.
 */
final class IncludeRule {
    private IncludeRule() {
    }

    static List<Finding> check(SearchParamCatalog catalog, String type, String base,
            boolean iterate, String value, boolean wildcardAllowed) {
        if (value.equals("*") || value.endsWith(":*")) {
            if (!wildcardAllowed) {
                return List.of(new Finding(Reason.PARAM_WILDCARD_INCLUDE,
                        base + " with the * wildcard is not allowed."));
            }
            return value.equals("*") || catalog.isResourceType(value.substring(0,
                    value.length() - 2)) ? List.of() : invalid(base, "names an unknown type");
        }
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !catalog.isResourceType(parts[0])) {
            return invalid(base, "is not Type:parameter[:target] with a known type");
        }
        Optional<SearchParamInfo> ref = catalog.find(parts[0], parts[1]);
        if (ref.isEmpty() || ref.get().kind() != ParamKind.REFERENCE) {
            return invalid(base, "names no reference parameter of " + parts[0]);
        }
        if (parts.length == 3 && !(catalog.isResourceType(parts[2])
                && ref.get().canPointTo(parts[2]))) {
            return invalid(base, "names a target type the parameter cannot point to");
        }
        if (iterate || type == null) {
            return List.of();
        }
        if (base.equals("_include") && !parts[0].equals(type)) {
            return invalid(base, "does not start at " + type + " and has no :iterate");
        }
        String pointsTo = parts.length == 3 ? parts[2] : type;
        if (base.equals("_revinclude") && !(pointsTo.equals(type) && ref.get().canPointTo(type))) {
            return invalid(base, "does not point back to " + type + " and has no :iterate");
        }
        return List.of();
    }

    private static List<Finding> invalid(String base, String what) {
        return List.of(new Finding(Reason.PARAM_INVALID_INCLUDE, "The " + base + " value "
                + what + "."));
    }
}
