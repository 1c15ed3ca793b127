package io.fhirguard.examples.gateway;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.gateway.internal.BaseUrlRewriter;
import io.fhirguard.examples.gateway.internal.UpstreamOutcomes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards FHIR requests to an upstream FHIR server with Jetty's proxy servlet, for use behind
 * {@code FhirGuardFilter}: the filter decides, this servlet forwards what it permits.
 *
 * <p>What it does to each exchange:
 * <ul>
 *   <li>forwards the path after the servlet's mapping and the query string the filter hands on
 *       (so a narrowed query is what the upstream sees) to {@link GatewayConfig#upstream()};</li>
 *   <li>never forwards the caller's {@code Authorization}, {@code Cookie} or
 *       {@code Accept-Encoding} headers, nor hop-by-hop headers (Jetty drops those named by
 *       RFC 9110 §7.6.1 and by {@code Connection}); sends
 *       {@link GatewayConfig#credential()} instead when it gives one;</li>
 *   <li>buffers the response (at most {@link GatewayConfig#maxResponseBytes()}, else 502) and
 *       rewrites the upstream base URL to the gateway's in a Bundle's {@code link.url} and
 *       {@code entry.fullUrl} and in {@code Location} and {@code Content-Location}; drops
 *       upstream {@code Set-Cookie};</li>
 *   <li>answers an upstream timeout ({@link GatewayConfig#timeout()}) with 504 and a refused or
 *       broken connection with 502, both as an OperationOutcome.</li>
 * </ul>
 *
 * <p>The servlet returns from {@code service} only when the exchange is over, so a filter in
 * front sees the whole response, as it would with an ordinary servlet. That holds one server
 * thread per forwarded request for up to the timeout; size the thread pool to match.
 *
 * @since 1.0
 */
public class FhirProxyServlet extends ProxyServlet {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(FhirProxyServlet.class);
    private static final String BUFFER = FhirProxyServlet.class.getName() + ".buffer";
    private static final String DONE = FhirProxyServlet.class.getName() + ".done";
    private static final String CREDENTIAL = FhirProxyServlet.class.getName() + ".credential";
    private static final Set<String> NEVER_FORWARDED = Set.of("authorization", "cookie",
            "accept-encoding", "proxy-authorization");

    private final transient GatewayConfig config;
    private final transient BaseUrlRewriter rewriter;
    private final transient UpstreamOutcomes outcomes;

    /**
     * Creates the servlet.
     *
     * @param config where to forward and the limits
     * @param fhirContext the R4 context used to rewrite Bundles and write OperationOutcomes
     */
    public FhirProxyServlet(GatewayConfig config, FhirContext fhirContext) {
        this.config = Objects.requireNonNull(config, "config");
        this.rewriter = new BaseUrlRewriter(fhirContext, config.upstream().toString(),
                config.publicBase().toString());
        this.outcomes = new UpstreamOutcomes(fhirContext);
    }

    @Override
    public void init() throws ServletException {
        super.init();
        setTimeout(config.timeout().toMillis());
    }

    @Override
    protected HttpClient newHttpClient() {
        HttpClient client = super.newHttpClient();
        client.setMaxConnectionsPerDestination(config.maxConnections());
        client.setConnectTimeout(Math.min(config.timeout().toMillis(), 5_000));
        client.setFollowRedirects(false);
        return client;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        CountDownLatch done = new CountDownLatch(1);
        request.setAttribute(DONE, done);
        request.setAttribute(BUFFER, new ByteArrayOutputStream());
        try {
            request.setAttribute(CREDENTIAL, config.credential().authorization());
        } catch (RuntimeException e) {
            log.error("Gateway refuses the request: no upstream credential ({})",
                    e.getClass().getSimpleName());
            outcomes.write(response, HttpServletResponse.SC_BAD_GATEWAY);
            return;
        }

        super.service(request, response);

        try {
            if (!done.await(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("Gateway exchange did not finish within the timeout plus 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        String prefix = request.getContextPath() + request.getServletPath();
        String path = request.getRequestURI().substring(prefix.length());
        String query = request.getQueryString();
        return config.upstream() + path + (query == null ? "" : "?" + query);
    }

    @Override
    protected void onProxyRewriteFailed(HttpServletRequest request, HttpServletResponse response) {
        sendProxyResponseError(request, response, HttpServletResponse.SC_BAD_GATEWAY);
    }

    @Override
    protected void copyRequestHeaders(HttpServletRequest request, Request proxyRequest) {
        super.copyRequestHeaders(request, proxyRequest);
        @SuppressWarnings("unchecked")
        Optional<String> credential = (Optional<String>) request.getAttribute(CREDENTIAL);
        proxyRequest.headers(headers -> {
            headers.remove(HttpHeader.AUTHORIZATION);
            headers.remove(HttpHeader.COOKIE);
            headers.remove(HttpHeader.ACCEPT_ENCODING);
            headers.remove(HttpHeader.PROXY_AUTHORIZATION);
            credential.ifPresent(value -> headers.put(HttpHeader.AUTHORIZATION, value));
        });
    }

    @Override
    protected String filterServerResponseHeader(HttpServletRequest request,
            Response serverResponse, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-length") || lower.equals("set-cookie")
                || NEVER_FORWARDED.contains(lower)) {
            return null;
        }
        if (lower.equals("location") || lower.equals("content-location")) {
            return rewriter.rewriteUrl(value);
        }
        return value;
    }

    @Override
    protected void onResponseContent(HttpServletRequest request, HttpServletResponse response,
            Response proxyResponse, byte[] buffer, int offset, int length, Callback callback) {
        ByteArrayOutputStream body = (ByteArrayOutputStream) request.getAttribute(BUFFER);
        if (body.size() + (long) length > config.maxResponseBytes()) {
            callback.failed(new IOException("upstream response larger than "
                    + config.maxResponseBytes() + " bytes"));
            return;
        }
        body.write(buffer, offset, length);
        callback.succeeded();
    }

    @Override
    protected void onProxyResponseSuccess(HttpServletRequest request,
            HttpServletResponse response, Response serverResponse) {
        try {
            ByteArrayOutputStream body = (ByteArrayOutputStream) request.getAttribute(BUFFER);
            byte[] rewritten = rewriter.rewriteBody(body.toByteArray(),
                    serverResponse.getHeaders().get(HttpHeader.CONTENT_TYPE));
            response.setContentLength(rewritten.length);
            response.getOutputStream().write(rewritten);
            super.onProxyResponseSuccess(request, response, serverResponse);
        } catch (IOException | RuntimeException e) {
            log.debug("Gateway could not write the upstream response: {}", e.toString());
            sendProxyResponseError(request, response, HttpServletResponse.SC_BAD_GATEWAY);
        } finally {
            finished(request);
        }
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest request,
            HttpServletResponse response, Response serverResponse, Throwable failure) {
        log.debug("Gateway upstream exchange failed: {}", failure.toString());
        try {
            super.onProxyResponseFailure(request, response, serverResponse, failure);
        } finally {
            finished(request);
        }
    }

    @Override
    protected void onClientRequestFailure(HttpServletRequest request, Request proxyRequest,
            HttpServletResponse response, Throwable failure) {
        try {
            super.onClientRequestFailure(request, proxyRequest, response, failure);
        } finally {
            finished(request);
        }
    }

    @Override
    protected void sendProxyResponseError(HttpServletRequest request,
            HttpServletResponse response, int status) {
        try {
            if (!response.isCommitted()) {
                response.reset();
                outcomes.write(response, status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Gateway could not write its error response: {}", e.toString());
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().complete();
            }
            finished(request);
        }
    }

    private static void finished(HttpServletRequest request) {
        Object done = request.getAttribute(DONE);
        if (done instanceof CountDownLatch latch) {
            latch.countDown();
        }
    }
}
