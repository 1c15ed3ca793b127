package io.fhirguard.servlet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Real HTTP calls with the JDK client; one small builder per request. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String method;
    private final URI uri;
    private final List<String[]> headers = new ArrayList<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private Http(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    /**
     * Starts a GET.
     *
     * @param uri the URL
     * @return the request
     */
    public static Http get(URI uri) {
        return new Http("GET", uri);
    }

    /**
     * Starts a request with any method.
     *
     * @param method the method
     * @param uri the URL
     * @return the request
     */
    public static Http method(String method, URI uri) {
        return new Http(method, uri);
    }

    /**
     * Adds a header.
     *
     * @param name the name
     * @param value the value
     * @return this request
     */
    public Http header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /**
     * Adds {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     * @return this request
     */
    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /**
     * Sets a body.
     *
     * @param contentType the content type
     * @param text the body
     * @return this request
     */
    public Http body(String contentType, String text) {
        header("Content-Type", contentType);
        body = HttpRequest.BodyPublishers.ofString(text);
        return this;
    }

    /**
     * Sends the request.
     *
     * @return the response
     */
    public Response send() {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body)
                .timeout(Duration.ofSeconds(20));
        headers.forEach(h -> b.header(h[0], h[1]));
        try {
            return new Response(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A received response.
     *
     * @param raw the JDK response
     */
    public record Response(HttpResponse<String> raw) {
        /**
         * Returns the status.
         *
         * @return the status code
         */
        public int status() {
            return raw.statusCode();
        }

        /**
         * Returns the body.
         *
         * @return the body text
         */
        public String body() {
            return raw.body();
        }

        /**
         * Returns one header.
         *
         * @param name the name
         * @return the first value, or empty
         */
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /**
         * Returns every value of a header.
         *
         * @param name the name
         * @return the values
         */
        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }
}
