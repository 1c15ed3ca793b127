package io.fhirguard.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.OAuthHttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * JSON over the JDK {@link HttpClient}: timeouts from {@link OAuthHttpConfig}, no redirects,
 * a response-size cap, and every failure turned into an {@link OAuthClientException} whose
 * message names the endpoint (without its query) and nothing sent to it.
 */
public final class HttpTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final HttpClient client;
    private final OAuthHttpConfig config;

    /**
     * Creates a transport with its own HTTP client.
     *
     * @param config timeouts and limits
     */
    public HttpTransport(OAuthHttpConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The settings this transport uses. */
    public OAuthHttpConfig config() {
        return config;
    }

    /** GETs a JSON document. */
    public JsonResponse getJson(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.readTimeout())
                .header("Accept", "application/json").GET().build();
        return send(request, uri);
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body. */
    public JsonResponse postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.readTimeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form)));
        headers.forEach(builder::header);
        return send(builder.build(), uri);
    }

    /** POSTs a JSON body. */
    public JsonResponse postJson(URI uri, Map<String, Object> body, Map<String, String> headers) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.readTimeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        headers.forEach(builder::header);
        return send(builder.build(), uri);
    }

    private JsonResponse send(HttpRequest request, URI uri) {
        String where = describe(uri);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw OAuthClientException.of(Category.UNREACHABLE,
                    where + " is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthClientException.of(Category.UNREACHABLE,
                    "interrupted while calling " + where, e);
        }

        byte[] body = readCapped(response, where);
        return new JsonResponse(response.statusCode(), parse(body, where, response.statusCode()));
    }

    private byte[] readCapped(HttpResponse<InputStream> response, String where) {
        int cap = config.maxResponseBytes();
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                throw OAuthClientException.of(Category.INVALID_RESPONSE,
                        where + " sent a response larger than " + cap + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw OAuthClientException.of(Category.UNREACHABLE,
                    where + " failed while sending its response: "
                            + e.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, Object> parse(byte[] body, String where, int status) {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> map = JSON.readValue(body, MAP);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            if (status >= 200 && status < 300) {
                throw OAuthClientException.of(Category.INVALID_RESPONSE,
                        where + " sent a body that is not a JSON object");
            }
            // An error page that is not JSON: the status alone tells the caller what happened.
            return Map.of();
        }
    }

    /** Scheme, host, port and path: never the query, which may carry data. */
    public static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null
                ? "" : uri.getPath());
    }
}
