package io.fhirguard.sanitize.internal;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every resource type's search parameters, their kinds, and its element names, read once from
 * HAPI's {@link FhirContext} and then only read (so shared freely between threads).
 */
final class SearchParamCatalog {
    /** Parameters every resource has (FHIR R4 §3.1.1.5.1), with the kinds the sanitizer uses. */
    private static final Map<String, SearchParamInfo> COMMON = common();

    private final Map<String, Map<String, SearchParamInfo>> byType;
    private final Map<String, Set<String>> elementsByType;
    private final Set<String> allElements;

    private SearchParamCatalog(Map<String, Map<String, SearchParamInfo>> byType,
            Map<String, Set<String>> elementsByType, Set<String> allElements) {
        this.byType = byType;
        this.elementsByType = elementsByType;
        this.allElements = allElements;
    }

    /**
     * Reads every resource type of the context, once per validator. HAPI scans each definition
     * the first time it is asked for, so the first catalog on a context is the slow one.
     */
    static SearchParamCatalog from(FhirContext context) {
        Map<String, Map<String, SearchParamInfo>> byType = new HashMap<>();
        Map<String, Set<String>> elements = new HashMap<>();
        Set<String> all = new HashSet<>();
        for (String type : new TreeSet<>(context.getResourceTypes())) {
            RuntimeResourceDefinition def = context.getResourceDefinition(type);
            byType.put(type, Map.copyOf(paramsOf(def)));
            Set<String> names = new HashSet<>();
            for (BaseRuntimeChildDefinition child : def.getChildren()) {
                names.add(child.getElementName());
            }
            elements.put(type, Set.copyOf(names));
            all.addAll(names);
        }
        return new SearchParamCatalog(Map.copyOf(byType), Map.copyOf(elements), Set.copyOf(all));
    }

    private static Map<String, SearchParamInfo> paramsOf(RuntimeResourceDefinition def) {
        Map<String, RuntimeSearchParam> byUri = new HashMap<>();
        for (RuntimeSearchParam p : def.getSearchParams()) {
            if (p.getUri() != null) {
                byUri.put(p.getUri(), p);
            }
        }
        Map<String, SearchParamInfo> params = new LinkedHashMap<>(COMMON);
        for (RuntimeSearchParam p : def.getSearchParams()) {
            if (!COMMON.containsKey(p.getName())) {
                params.put(p.getName(), infoOf(p, byUri));
            }
        }
        return params;
    }

    private static SearchParamInfo infoOf(RuntimeSearchParam p,
            Map<String, RuntimeSearchParam> byUri) {
        ParamKind kind = ParamKind.of(p.getParamType());
        List<ParamKind> components = new ArrayList<>();
        if (kind == ParamKind.COMPOSITE) {
            for (RuntimeSearchParam.Component c : p.getComponents()) {
                RuntimeSearchParam part = byUri.get(c.getReference());
                if (part == null || ParamKind.of(part.getParamType()) == ParamKind.COMPOSITE) {
                    // Unresolvable parts: the composite falls back to the generic check.
                    components.clear();
                    break;
                }
                components.add(ParamKind.of(part.getParamType()));
            }
        }
        return new SearchParamInfo(p.getName(), kind, p.getTargets(), components);
    }

    private static Map<String, SearchParamInfo> common() {
        Map<String, SearchParamInfo> m = new LinkedHashMap<>();
        m.put("_id", SearchParamInfo.of("_id", ParamKind.ID));
        m.put("_lastUpdated", SearchParamInfo.of("_lastUpdated", ParamKind.DATE));
        m.put("_tag", SearchParamInfo.of("_tag", ParamKind.TOKEN));
        m.put("_security", SearchParamInfo.of("_security", ParamKind.TOKEN));
        m.put("_profile", SearchParamInfo.of("_profile", ParamKind.URI));
        m.put("_source", SearchParamInfo.of("_source", ParamKind.URI));
        m.put("_list", SearchParamInfo.of("_list", ParamKind.LIST));
        m.put("_text", SearchParamInfo.of("_text", ParamKind.FREE_TEXT));
        m.put("_content", SearchParamInfo.of("_content", ParamKind.FREE_TEXT));
        m.put("_filter", SearchParamInfo.of("_filter", ParamKind.FREE_TEXT));
        return Map.copyOf(m);
    }

    /** Tells whether the FHIR model defines this resource type. */
    boolean isResourceType(String type) {
        return byType.containsKey(type);
    }

    /**
     * Finds a parameter of a type, or of every resource when {@code type} is null (system-level
     * search, where only the common parameters apply).
     */
    Optional<SearchParamInfo> find(String type, String name) {
        Map<String, SearchParamInfo> params = type == null ? COMMON : byType.get(type);
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    /** The top-level element names of a type, or of any type when {@code type} is null. */
    Set<String> elements(String type) {
        return type == null ? allElements : elementsByType.getOrDefault(type, Set.of());
    }

    Set<String> resourceTypes() {
        return byType.keySet();
    }
}
