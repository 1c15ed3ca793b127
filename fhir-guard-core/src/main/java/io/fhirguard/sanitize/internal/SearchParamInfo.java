package io.fhirguard.sanitize.internal;

import java.util.List;
import java.util.Set;

/**
 * One search parameter of one resource type, as the sanitizer needs it.
 *
 * @param name the parameter code, such as {@code subject}
 * @param kind its value grammar
 * @param targets for a reference, the resource types it may point to; empty means any
 * @param components for a composite, the kinds of its {@code $}-separated parts in order;
 *     empty when they could not be resolved
 */
record SearchParamInfo(String name, ParamKind kind, Set<String> targets,
        List<ParamKind> components) {
    SearchParamInfo {
        targets = Set.copyOf(targets);
        components = List.copyOf(components);
    }

    static SearchParamInfo of(String name, ParamKind kind) {
        return new SearchParamInfo(name, kind, Set.of(), List.of());
    }

    boolean canPointTo(String type) {
        return targets.isEmpty() || targets.contains(type);
    }
}
