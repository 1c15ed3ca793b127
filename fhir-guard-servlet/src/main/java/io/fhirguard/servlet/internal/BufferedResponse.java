package io.fhirguard.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Holds a downstream response back until the filter has checked it. Status and headers go to
 * the real response (nothing is committed, because no body byte reaches it and flushes are
 * ignored); the body collects in memory up to a limit. Past the limit the extra bytes are
 * dropped and {@link #isOverflowed()} turns true, and the filter must refuse the response
 * rather than pass a part of it: memory per request stays at most the limit.
 */
public final class BufferedResponse extends HttpServletResponseWrapper {
    private final long limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean overflowed;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /**
     * Wraps a response.
     *
     * @param response the real response
     * @param limit the largest body kept, in bytes
     */
    public BufferedResponse(HttpServletResponse response, long limit) {
        super(response);
        this.limit = limit;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called");
        }
        if (stream == null) {
            stream = new CapturingStream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() was already called");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1
                    : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(new CapturingStream(), charset));
        }
        return writer;
    }

    // The container's error page could carry the server's message; the filter checks what it
    // can and writes the answer itself, so an error here is a status with an empty body.
    @Override
    public void sendError(int status) {
        setStatus(status);
        resetBuffer();
    }

    @Override
    public void sendError(int status, String message) {
        sendError(status);
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void resetBuffer() {
        body.reset();
        overflowed = false;
    }

    @Override
    public void reset() {
        super.reset();
        resetBuffer();
    }

    @Override
    public void setContentLength(int length) {
        // The filter may rewrite the body; it sets the length itself.
    }

    @Override
    public void setContentLengthLong(long length) {
        // The filter may rewrite the body; it sets the length itself.
    }

    @Override
    public void setHeader(String name, String value) {
        if (!isContentLength(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!isContentLength(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (!isContentLength(name)) {
            super.setIntHeader(name, value);
        }
    }

    private static boolean isContentLength(String name) {
        return name.toLowerCase(Locale.ROOT).equals("content-length");
    }

    /**
     * Returns the body collected so far, after flushing any writer.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        flushBuffer();
        return body.toByteArray();
    }

    /**
     * Tells whether the downstream wrote more than the limit.
     *
     * @return true when bytes were dropped
     */
    public boolean isOverflowed() {
        flushBuffer();
        return overflowed;
    }

    private void write(byte[] b, int off, int len) {
        if (overflowed) {
            return;
        }
        if (body.size() + (long) len > limit) {
            overflowed = true;
            body.reset();
            return;
        }
        body.write(b, off, len);
    }

    private final class CapturingStream extends ServletOutputStream {
        @Override
        public void write(int b) {
            BufferedResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            BufferedResponse.this.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("asynchronous writes are not supported while "
                    + "fhir-guard checks the response");
        }
    }
}
