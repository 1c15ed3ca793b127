package io.fhirguard.client;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import io.fhirguard.client.internal.RandomValues;
import io.fhirguard.client.internal.RedirectGuard;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HAPI FHIR client interceptor that sends {@code Authorization: Bearer <token>} from a
 * {@link TokenSource} on every request and recovers from a rejected token.
 *
 * <p>On a 401 response it calls {@link TokenSource#invalidate} with the token that was refused,
 * so the next request gets a new token. For {@code GET} and {@code HEAD} requests it also
 * retries once, at once, with a new token: HAPI lets a {@code CLIENT_RESPONSE} hook replace the
 * response ({@link ClientResponseContext#setHttpResponse}) and re-send the same
 * {@link IHttpRequest} with {@code execute()}. Requests with a body ({@code POST}, {@code PUT},
 * {@code PATCH}) and {@code DELETE} are not retried: HAPI gives no guarantee that every
 * {@code IHttpClient} implementation can send a request body twice, and a non-idempotent
 * request must not be repeated on a guess, so their 401 reaches the caller as HAPI's
 * {@code AuthenticationException} and only the next call uses the new token. A second 401 after
 * the retry also reaches the caller; there is never more than one retry, so a server that
 * refuses every token cannot cause a loop.
 *
 * <p>A request that carries the token is not sent along a redirect: HAPI's default Apache
 * transport would copy the {@code Authorization} header to whatever host the {@code Location}
 * names, so the 3xx response reaches the caller instead (as HAPI's error for an unexpected
 * status). Other HAPI transports keep their own redirect rules.
 *
 * <p>When the token source fails (the authorization server is down), the
 * {@link OAuthClientException} is thrown from the request before anything is sent. Thread-safe.
 *
 * <pre>{@code
 * IGenericClient client = fhirContext.newRestfulGenericClient(baseUrl);
 * client.registerInterceptor(new BearerTokenInterceptor(tokenSource));
 * }</pre>
 *
 * @since 1.0
 */
public final class BearerTokenInterceptor implements IClientInterceptor {
    private static final Logger log = LoggerFactory.getLogger(BearerTokenInterceptor.class);
    private static final String AUTHORIZATION = "Authorization";
    private static final String PREFIX = "Bearer ";
    private static final Set<String> REPLAYABLE = Set.of("GET", "HEAD");

    private final TokenSource tokenSource;
    private final URI base;

    /**
     * Creates an interceptor that sends the token on every request of the client, whatever its
     * URL. Prefer {@link #BearerTokenInterceptor(TokenSource, String)}: a HAPI client also
     * follows absolute URLs the server hands it, such as a Bundle's {@code next} link, and
     * this interceptor would send the token there too.
     *
     * @param tokenSource where tokens come from
     */
    public BearerTokenInterceptor(TokenSource tokenSource) {
        this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
        this.base = null;
    }

    /**
     * Creates an interceptor that sends the token only to URLs under {@code baseUrl}: same
     * scheme, host and port, and a path equal to the base path or below it. Any other request
     * (a paging link or reference to another server) goes out with no {@code Authorization}
     * header and is never retried with a token.
     *
     * @param tokenSource where tokens come from
     * @param baseUrl the FHIR server base URL the token is meant for
     * @throws IllegalArgumentException when {@code baseUrl} is not an absolute URL
     * @since 1.0
     */
    public BearerTokenInterceptor(TokenSource tokenSource, String baseUrl) {
        this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
        URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl")).normalize();
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL");
        }
        this.base = uri;
    }

    /**
     * Sets the {@code Authorization} header, replacing any earlier one.
     *
     * @param request the outgoing request
     * @throws OAuthClientException when no token can be obtained
     */
    @Override
    public void interceptRequest(IHttpRequest request) {
        if (!isForBase(request)) {
            request.removeHeaders(AUTHORIZATION);
            log.debug("request outside the FHIR base; no token sent");
            return;
        }
        authorize(request, tokenSource.token().accessToken());
        RedirectGuard.disableRedirects(request);
    }

    /**
     * Does nothing: the 401 handling needs the request as well and runs in
     * {@link #handleUnauthorized(ClientResponseContext)}.
     *
     * @param response the response
     */
    @Override
    public void interceptResponse(IHttpResponse response) {
        // Intentionally empty; see handleUnauthorized.
    }

    /**
     * Drops the refused token on a 401 and, for {@code GET}/{@code HEAD}, retries once with a
     * new one. Called by HAPI for every response; not meant to be called directly.
     *
     * @param context the request and response
     * @throws IOException when the retry cannot be sent
     * @throws OAuthClientException when no new token can be obtained for the retry
     */
    @Hook(Pointcut.CLIENT_RESPONSE)
    public void handleUnauthorized(ClientResponseContext context) throws IOException {
        if (context.getHttpResponse().getStatus() != 401) {
            return;
        }
        IHttpRequest request = context.getHttpRequest();
        String refused = sentToken(request);
        if (refused != null) {
            tokenSource.invalidate(refused);
            log.debug("FHIR server answered 401; token {} dropped",
                    RandomValues.fingerprint(refused));
        }
        if (!REPLAYABLE.contains(request.getHttpVerbName()) || !isForBase(request)) {
            return;
        }

        String fresh = tokenSource.token().accessToken();
        if (fresh.equals(refused)) {
            return;
        }
        context.getHttpResponse().close();
        authorize(request, fresh);
        IHttpResponse retried = request.execute();
        context.setHttpResponse(retried);
        if (retried.getStatus() == 401) {
            tokenSource.invalidate(fresh);
            log.debug("FHIR server refused the new token too; not retrying again");
        }
    }

    private boolean isForBase(IHttpRequest request) {
        if (base == null) {
            return true;
        }
        URI uri = URI.create(request.getUri()).normalize();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean underPath = basePath.isEmpty() || basePath.endsWith("/")
                ? path.startsWith(basePath)
                : path.equals(basePath) || path.startsWith(basePath + "/");
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority()) && underPath;
    }

    private static void authorize(IHttpRequest request, String accessToken) {
        request.removeHeaders(AUTHORIZATION);
        request.addHeader(AUTHORIZATION, PREFIX + accessToken);
    }

    private static String sentToken(IHttpRequest request) {
        List<String> values = request.getAllHeaders().get(AUTHORIZATION);
        if (values == null || values.isEmpty() || !values.get(0).startsWith(PREFIX)) {
            return null;
        }
        return values.get(0).substring(PREFIX.length());
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor[" + tokenSource + (base == null ? "" : ", " + base) + "]";
    }
}
