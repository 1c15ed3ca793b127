package io.fhirguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authorization server on 127.0.0.1 for tests, on the JDK {@code HttpServer}: JWKS at
 * {@code /jwks}, discovery at {@code /.well-known/openid-configuration} and
 * {@code /.well-known/smart-configuration}, RFC 7662 introspection at {@code /introspect}.
 *
 * <p>Tests control the keys, the {@code Cache-Control} header, failure modes
 * ({@link Mode}) and introspection answers, and read how many requests each path received.
 * In {@link Mode#HANG} a request blocks until {@link #release()} (or close), so "slow server"
 * tests need no sleeping. Thread-safe.
 */
public final class LoopbackAuthServer implements AutoCloseable {
    /** How the server answers. */
    public enum Mode {
        /** Normal answers. */
        NORMAL,
        /** HTTP 500 on every path. */
        ERROR,
        /** HTTP 200 with a body that is not JSON. */
        GARBAGE,
        /** Requests block until released. */
        HANG
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> introspection = new ConcurrentHashMap<>();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile String cacheControl;
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch hang = new CountDownLatch(1);
    private volatile String discoveryIssuer;
    private volatile String clientId = "fhir-guard";
    private volatile String clientSecret = "s3cret:with&chars";

    private LoopbackAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-auth-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on an ephemeral loopback port.
     *
     * @return the running server
     */
    public static LoopbackAuthServer start() {
        try {
            return new LoopbackAuthServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the issuer URL, {@code http://127.0.0.1:port} */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the JWKS URI */
    public URI jwksUri() {
        return URI.create(issuer() + "/jwks");
    }

    /** @return the introspection endpoint */
    public URI introspectionUri() {
        return URI.create(issuer() + "/introspect");
    }

    /**
     * Publishes these keys' public halves at the JWKS URI.
     *
     * @param keys the keys
     */
    public void keys(TestKey... keys) {
        this.jwks = TestKey.jwks(keys);
    }

    /**
     * Publishes a raw JWKS body.
     *
     * @param body the body
     */
    public void jwksBody(String body) {
        this.jwks = body;
    }

    /**
     * Sets the Cache-Control header of JWKS answers.
     *
     * @param value the header value, or null for none
     */
    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    /**
     * Sets the failure mode.
     *
     * @param mode the mode
     */
    public void mode(Mode mode) {
        if (mode == Mode.HANG) {
            hang = new CountDownLatch(1);
        }
        this.mode = mode;
    }

    /** Lets every hanging request go on (and fail, as the client has timed out). */
    public void release() {
        hang.countDown();
    }

    /**
     * Sets the {@code issuer} member the discovery documents carry.
     *
     * @param issuer the value; null for the server's own issuer URL
     */
    public void discoveryIssuer(String issuer) {
        this.discoveryIssuer = issuer;
    }

    /**
     * Sets the client credentials the introspection endpoint accepts.
     *
     * @param id the client id
     * @param secret the secret
     */
    public void introspectionClient(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
    }

    /**
     * Sets the introspection answer for one token; other tokens get {@code {"active":false}}.
     *
     * @param token the token
     * @param json the raw answer
     */
    public void introspectionAnswer(String token, String json) {
        introspection.put(token, json);
    }

    /**
     * Counts requests received on a path.
     *
     * @param path for example {@code /jwks}
     * @return the count
     */
    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            switch (mode) {
                case ERROR -> send(ex, 500, "text/plain", "boom", null);
                case GARBAGE -> send(ex, 200, "application/json", "<html>not json", null);
                case HANG -> {
                    awaitRelease();
                    send(ex, 503, "text/plain", "late", null);
                }
                default -> route(ex, path, new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    private void awaitRelease() {
        try {
            hang.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange ex, String path, String body) throws IOException {
        switch (path) {
            case "/jwks" -> send(ex, 200, "application/json", jwks, cacheControl);
            case "/.well-known/openid-configuration", "/.well-known/smart-configuration" -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("issuer", discoveryIssuer == null ? issuer() : discoveryIssuer);
                doc.put("jwks_uri", jwksUri().toString());
                doc.put("introspection_endpoint", introspectionUri().toString());
                send(ex, 200, "application/json", Json.write(doc), null);
            }
            case "/introspect" -> introspect(ex, body);
            default -> send(ex, 404, "text/plain", "not found", null);
        }
    }

    private void introspect(HttpExchange ex, String body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!authenticated(ex, form)) {
            send(ex, 401, "application/json", "{\"error\":\"invalid_client\"}", null);
            return;
        }
        String answer = introspection.getOrDefault(String.valueOf(form.get("token")),
                "{\"active\":false}");
        send(ex, 200, "application/json", answer, null);
    }

    private boolean authenticated(HttpExchange ex, Map<String, String> form) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6)),
                    StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0
                    && URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8)
                            .equals(clientId)
                    && URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)
                            .equals(clientSecret);
        }
        return clientId.equals(form.get("client_id"))
                && clientSecret.equals(form.get("client_secret"));
    }

    private static void send(HttpExchange ex, int status, String type, String body,
            String cacheControl) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (cacheControl != null) {
            ex.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout); nothing to do
        }
    }
}
