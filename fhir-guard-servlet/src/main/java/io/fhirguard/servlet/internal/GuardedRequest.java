package io.fhirguard.servlet.internal;

import io.fhirguard.request.QueryParameters;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request the downstream server sees: the checked (and possibly narrowed) parameters in
 * the query string and in {@code getParameter*} alike, the body the filter already read replayed
 * byte for byte (or replaced), and the validated principal.
 *
 * <p>For a {@code _search} form body the narrowed parameters move into the query string and the
 * body is replayed empty, so every way of reading parameters (query string, parameter map,
 * body) gives the same, narrowed answer.
 */
public final class GuardedRequest extends HttpServletRequestWrapper {
    private final String queryString;
    private final Map<String, String[]> parameters;
    private final byte[] body;
    private final String contentType;
    private final Principal principal;
    private final Set<String> roles;
    private String requestId;
    private String method;
    private Set<String> hidden = Set.of();

    /**
     * Wraps a request.
     *
     * @param request the original request
     * @param parameters the parameters to show, or {@code null} to leave the original ones
     * @param body the body to replay, or {@code null} to leave the original stream
     * @param contentType the body's content type, or {@code null} to keep the original header
     * @param principal the authenticated principal, or {@code null} for a public request
     * @param roles the principal's roles
     */
    public GuardedRequest(HttpServletRequest request, QueryParameters parameters, byte[] body,
            String contentType, Principal principal, Set<String> roles) {
        super(request);
        this.queryString = parameters == null ? request.getQueryString()
                : parameters.isEmpty() ? null : QueryStrings.encode(parameters);
        this.parameters = parameters == null ? null
                : Collections.unmodifiableMap(QueryStrings.toMap(parameters));
        this.body = body;
        this.contentType = contentType;
        this.principal = principal;
        this.roles = Set.copyOf(roles);
    }

    /**
     * Shows fhir-guard's request id to the server as {@code X-Request-Id}, so that the server
     * (HAPI reuses it) and fhir-guard's audit and logs name a request the same way.
     *
     * @param id the request id
     * @return this request
     */
    public GuardedRequest withRequestId(String id) {
        this.requestId = id;
        return this;
    }

    /**
     * Shows the server another method: a {@code HEAD} whose answer must be checked goes down as
     * a {@code GET}, so there is a body to check; the filter then sends no body.
     *
     * @param method the method the server sees
     * @return this request
     */
    public GuardedRequest withMethod(String method) {
        this.method = method;
        return this;
    }

    /**
     * Hides request headers from the server, for a response the filter must see whole and as
     * it is: conditional headers ({@code If-None-Match}) would let the server answer 304 with
     * nothing to check, and {@code Accept-Encoding} would let it answer compressed.
     *
     * @param names the header names, any letter case
     * @return this request
     */
    public GuardedRequest withoutHeaders(Set<String> names) {
        this.hidden = names.stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return this;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        if (hidden.isEmpty()) {
            return super.getHeaderNames();
        }
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(n -> !hidden.contains(n.toLowerCase(Locale.ROOT))).toList());
    }

    @Override
    public long getDateHeader(String name) {
        return hidden.contains(name.toLowerCase(Locale.ROOT)) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return hidden.contains(name.toLowerCase(Locale.ROOT)) ? -1 : super.getIntHeader(name);
    }

    @Override
    public String getMethod() {
        return method == null ? super.getMethod() : method;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getParameter(String name) {
        if (parameters == null) {
            return super.getParameter(name);
        }
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters == null ? super.getParameterMap() : parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return parameters == null ? super.getParameterNames()
                : Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        if (parameters == null) {
            return super.getParameterValues(name);
        }
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        return body == null ? super.getInputStream() : new ReplayStream(body);
    }

    @Override
    public BufferedReader getReader() throws java.io.IOException {
        if (body == null) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }

    @Override
    public String getContentType() {
        return contentType == null ? super.getContentType() : contentType;
    }

    @Override
    public String getHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (hidden.contains(lower)) {
            return null;
        }
        if (requestId != null && lower.equals("x-request-id")) {
            return requestId;
        }
        if (body != null && lower.equals("content-length")) {
            return Integer.toString(body.length);
        }
        if (contentType != null && lower.equals("content-type")) {
            return contentType;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        String lower = name.toLowerCase(Locale.ROOT);
        if (hidden.contains(lower)) {
            return Collections.emptyEnumeration();
        }
        boolean replaced = body != null && lower.equals("content-length")
                || contentType != null && lower.equals("content-type")
                || requestId != null && lower.equals("x-request-id");
        return replaced ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal == null ? null : principal.getName();
    }

    @Override
    public String getAuthType() {
        return principal == null ? null : "Bearer";
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal != null && roles.contains(role);
    }

    private static final class ReplayStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        ReplayStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        // The whole body is already in memory: tell the listener at once, on this thread.
        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (java.io.IOException e) {
                listener.onError(e);
            }
        }
    }
}
