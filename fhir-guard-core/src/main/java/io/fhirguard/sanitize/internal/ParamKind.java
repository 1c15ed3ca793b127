package io.fhirguard.sanitize.internal;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.Set;

/**
 * The value grammar of a search parameter: FHIR's search parameter types, plus three kinds for
 * common parameters whose values FHIR restricts further ({@code _id}, {@code _list}, and the
 * free-text {@code _text}, {@code _content}, {@code _filter}).
 */
enum ParamKind {
    STRING(Set.of("missing", "exact", "contains")),
    TOKEN(Set.of("missing", "text", "not", "above", "below", "in", "not-in", "of-type")),
    // A reference also takes a resource type as modifier ("subject:Patient"); see
    // ParameterResolver, which checks it against the parameter's targets.
    REFERENCE(Set.of("missing", "identifier", "above", "below")),
    DATE(Set.of("missing")),
    NUMBER(Set.of("missing")),
    QUANTITY(Set.of("missing")),
    URI(Set.of("missing", "above", "below")),
    COMPOSITE(Set.of("missing")),
    SPECIAL(Set.of("missing")),
    ID(Set.of("missing", "not")),
    LIST(Set.of()),
    FREE_TEXT(Set.of());

    private final Set<String> modifiers;

    ParamKind(Set<String> modifiers) {
        this.modifiers = modifiers;
    }

    boolean allows(String modifier) {
        return modifiers.contains(modifier);
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static ParamKind of(RestSearchParameterTypeEnum type) {
        return switch (type) {
            case STRING -> STRING;
            case TOKEN -> TOKEN;
            case REFERENCE -> REFERENCE;
            case DATE -> DATE;
            case NUMBER -> NUMBER;
            case QUANTITY -> QUANTITY;
            case URI -> URI;
            case COMPOSITE -> COMPOSITE;
            case SPECIAL, HAS -> SPECIAL;
        };
    }
}
