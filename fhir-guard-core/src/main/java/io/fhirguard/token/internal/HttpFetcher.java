package io.fhirguard.token.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Minimal HTTP client for key servers and introspection: connect and whole-response timeouts,
 * a body cap, no redirects, no proxy, no caching.
 */
final class HttpFetcher {
    private final int connectMillis;
    private final long readMillis;
    private final int maxBytes;

    /** A response with a status, the Cache-Control header and the body. */
    record Response(int status, String cacheControl, String contentType, byte[] body) {
    }

    HttpFetcher(Duration connect, Duration read, int maxBytes) {
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
        this.readMillis = read.toMillis();
        this.maxBytes = maxBytes;
    }

    Response get(URI uri) throws IOException {
        return exchange(uri, null, Map.of());
    }

    Response post(URI uri, byte[] form, Map<String, String> headers) throws IOException {
        return exchange(uri, form, headers);
    }

    private Response exchange(URI uri, byte[] form, Map<String, String> headers)
            throws IOException {
        long deadline = System.nanoTime() + readMillis * 1_000_000L;
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        try {
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(connectMillis);
            c.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readMillis)));
            c.setRequestProperty("Accept", "application/json");
            headers.forEach(c::setRequestProperty);
            if (form != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                c.setFixedLengthStreamingMode(form.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(form);
                }
            }
            int status = c.getResponseCode();
            byte[] body = read(status >= 400 ? c.getErrorStream() : c.getInputStream(), deadline);
            return new Response(status, c.getHeaderField("Cache-Control"),
                    c.getContentType(), body);
        } finally {
            c.disconnect();
        }
    }

    private byte[] read(InputStream in, long deadline) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw new IOException("response larger than " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("response not complete within the timeout");
                }
            }
            return out.toByteArray();
        }
    }
}
