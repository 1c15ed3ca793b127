package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the value of a resolved search parameter against its type's grammar: splits the
 * comma-separated OR list (FHIR R4 §3.1.1.5.8), bounds its size, and checks each part.
 */
final class TypedValueChecker {
    private final ReferenceGrammar references;
    private final int maxValues;

    TypedValueChecker(ReferenceGrammar references, int maxValues) {
        this.references = references;
        this.maxValues = maxValues;
    }

    /** Returns every distinct finding for the value, empty when it is valid. */
    List<Finding> check(Resolution r, String value) {
        if ("missing".equals(r.modifier())) {
            return value.equals("true") || value.equals("false") ? List.of()
                    : List.of(new Finding(Reason.PARAM_INVALID_VALUE,
                            "A :missing value must be true or false."));
        }
        List<String> parts = ValueSplitter.split(value, ',');
        if (parts.size() > maxValues) {
            return List.of(tooManyValues(maxValues));
        }

        Set<Finding> findings = new LinkedHashSet<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                findings.add(new Finding(Reason.PARAM_INVALID_VALUE,
                        "The value, or one of its comma-separated values, is empty."));
            } else {
                checkOne(r.info(), r.modifier(), r.typeModifier(), part).ifPresent(findings::add);
            }
        }
        return new ArrayList<>(findings);
    }

    static Finding tooManyValues(int maxValues) {
        return new Finding(Reason.PARAM_TOO_MANY_VALUES,
                "The parameter holds more than " + maxValues + " comma-separated values.");
    }

    private Optional<Finding> checkOne(SearchParamInfo info, String modifier,
            String typeModifier, String v) {
        if ("text".equals(modifier)) {
            return Optional.empty();
        }
        return switch (info.kind()) {
            case TOKEN -> token(modifier, v);
            case REFERENCE -> "identifier".equals(modifier) ? ValueGrammar.token(v, 1)
                    : references.check(v, info, typeModifier);
            case DATE -> DateGrammar.check(v);
            case NUMBER -> ValueGrammar.number(v);
            case QUANTITY -> ValueGrammar.quantity(v);
            case URI -> ValueGrammar.uri(v);
            case COMPOSITE -> composite(info, v);
            case SPECIAL -> ValueGrammar.special(v);
            case ID -> ValueGrammar.id(v);
            case LIST -> ValueGrammar.list(v);
            case STRING, FREE_TEXT -> Optional.empty();
        };
    }

    private static Optional<Finding> token(String modifier, String v) {
        if ("in".equals(modifier) || "not-in".equals(modifier)) {
            return ValueGrammar.uri(v);
        }
        return ValueGrammar.token(v, "of-type".equals(modifier) ? 2 : 1);
    }

    /** Each {@code $}-separated component follows the grammar of its own parameter. */
    private Optional<Finding> composite(SearchParamInfo info, String v) {
        List<String> parts = ValueSplitter.split(v, '$');
        List<ParamKind> kinds = info.components();
        if (kinds.isEmpty()) {
            boolean ok = parts.size() >= 2 && parts.stream().allMatch(
                    p -> !p.isEmpty() && ValueGrammar.isTokenPart(p));
            return ok ? Optional.empty() : composite("is not component$component");
        }
        if (parts.size() != kinds.size()) {
            return composite("does not have " + kinds.size() + " $-separated components");
        }
        for (int k = 0; k < parts.size(); k++) {
            SearchParamInfo part = SearchParamInfo.of(info.name() + "$" + k, kinds.get(k));
            if (parts.get(k).isEmpty()) {
                return composite("has an empty component " + (k + 1));
            }
            Optional<Finding> f = checkOne(part, null, null, parts.get(k));
            if (f.isPresent()) {
                return composite("has a bad component " + (k + 1) + ": "
                        + f.get().description());
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> composite(String what) {
        return Optional.of(new Finding(Reason.PARAM_INVALID_COMPOSITE,
                "The composite value " + what + "."));
    }
}
