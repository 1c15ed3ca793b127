package io.fhirguard.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A plain FilterConfig holding init parameters, as web.xml would give them. */
final class SimpleFilterConfig implements FilterConfig {
    private final Map<String, String> parameters;

    SimpleFilterConfig(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public String getFilterName() {
        return "fhir-guard";
    }

    @Override
    public ServletContext getServletContext() {
        throw new UnsupportedOperationException("not needed by the filter");
    }

    @Override
    public String getInitParameter(String name) {
        return parameters.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }
}
