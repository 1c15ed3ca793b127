package io.fhirguard.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's HTTP client: plain JDK {@link HttpClient}, no redirects followed (the demo follows
 * them itself so each hop is visible), a cookie jar for the browser-like login, and a 10-second
 * timeout per request so that nothing can hang the demo.
 *
 * @since 1.0
 */
public final class DemoHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client;

    private DemoHttp(HttpClient client) {
        this.client = client;
    }

    /**
     * Creates a client without cookies, for API calls.
     *
     * @return the client
     */
    public static DemoHttp api() {
        return new DemoHttp(HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * Creates a client with its own cookie jar, standing in for a browser.
     *
     * @return the client
     */
    public static DemoHttp browser() {
        return new DemoHttp(HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * Sends a GET, with a bearer token when one is given.
     *
     * @param uri the URL
     * @param bearer the access token, or null for none
     * @return the exchange
     */
    public Exchange get(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/fhir+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.GET().build());
    }

    /**
     * Sends a POST with a form body.
     *
     * @param uri the URL
     * @param form the form fields
     * @return the exchange
     */
    public Exchange postForm(URI uri, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    /**
     * Sends a POST with a JSON body and a bearer token.
     *
     * @param uri the URL
     * @param bearer the access token
     * @param json the body
     * @return the exchange
     */
    public Exchange postJson(URI uri, String bearer, String json) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Form-encodes fields.
     *
     * @param form the fields
     * @return {@code a=1&b=2} with values URL-encoded
     */
    public static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Exchange send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new Exchange(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP " + request.method() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
