package io.fhirguard.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer on loopback that answers each request with the next scripted response
 * (status, content type, body) and records what it received, for cases mock-oauth2-server
 * cannot script (a refresh response without a refresh token, invalid_grant, 401 from FHIR).
 */
final class ScriptedServer implements AutoCloseable {
    record Response(int status, String contentType, String body, String location,
            CountDownLatch arrived, CountDownLatch release) {
        Response(int status, String contentType, String body) {
            this(status, contentType, body, null, null, null);
        }
    }

    record Received(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Response next = script.poll();
            if (next == null) {
                next = new Response(500, "text/plain", "script exhausted");
            }
            if (next.arrived() != null) {
                next.arrived().countDown();
                awaitQuietly(next.release());
            }
            byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", next.contentType());
            if (next.location() != null) {
                exchange.getResponseHeaders().add("Location", next.location());
            }
            exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    ScriptedServer then(int status, String contentType, String body) {
        script.add(new Response(status, contentType, body));
        return this;
    }

    ScriptedServer thenRedirect(URI location) {
        script.add(new Response(302, "text/plain", "", location.toString(), null, null));
        return this;
    }

    /** Answers with a token only after {@code release}, counting {@code arrived} down first. */
    ScriptedServer thenHeldToken(String accessToken, String refreshToken, CountDownLatch arrived,
            CountDownLatch release) {
        script.add(new Response(200, "application/json", "{\"access_token\":\"" + accessToken
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\""
                + refreshToken + "\"}", null, arrived, release));
        return this;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ScriptedServer thenJson(int status, String body) {
        return then(status, "application/json", body);
    }

    ScriptedServer thenToken(String accessToken, String refreshToken) {
        return thenJson(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600" + (refreshToken == null ? ""
                : ",\"refresh_token\":\"" + refreshToken + "\"") + "}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
