package io.fhirguard.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events as FHIR R4 {@code AuditEvent} resources (mapped by {@link FhirAuditEventMapper})
 * to a FHIR server, in batches: a {@code Bundle} of type {@code batch} with one {@code POST
 * AuditEvent} entry per event, posted to the server's base URL with the JDK
 * {@link HttpClient}.
 *
 * <p>Events are buffered until {@link Builder#batchSize} are waiting, then sent on the thread
 * that recorded the last of them; {@link #flush()} and {@link #close()} send the rest. Put an
 * {@link AsyncAuditSink} in front so requests do not wait for the audit server.
 *
 * <p>Failures are never silent: when the post fails (no answer within
 * {@link Builder#timeout}, a non-2xx status, or an entry answered with a non-2xx status), the
 * failed events are added to {@link #failedEvents()}, an ERROR is logged with the count and
 * status, and {@link AuditException} is thrown. Failed batches are not retried; their events are
 * lost from the server (and counted). Defaults: batch size 50, timeout 10 seconds, HTTPS only.
 * Thread-safe.
 *
 * @since 1.0
 */
public final class FhirServerAuditSink implements AuditSink {
    private static final Logger log = LoggerFactory.getLogger(FhirServerAuditSink.class);

    private final URI base;
    private final FhirAuditEventMapper mapper;
    private final int batchSize;
    private final Duration timeout;
    private final HttpClient client;
    private final Consumer<HttpRequest.Builder> customizer;
    private final List<AuditEvent> buffer = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private FhirServerAuditSink(Builder b) {
        this.base = b.base;
        this.mapper = b.mapper;
        this.batchSize = b.batchSize;
        this.timeout = b.timeout;
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.customizer = b.customizer;
    }

    /**
     * Starts a sink posting to a FHIR server.
     *
     * @param base the server's base URL, for example {@code https://audit.example/fhir}
     * @param mapper maps events to R4 resources
     * @return a builder
     */
    public static Builder builder(URI base, FhirAuditEventMapper mapper) {
        return new Builder(base, mapper);
    }

    /**
     * Buffers the event and sends the batch when it is full.
     *
     * @param event the event
     * @throws AuditException when the batch this event completed could not be delivered
     */
    @Override
    public void record(AuditEvent event) {
        List<AuditEvent> batch = null;
        synchronized (buffer) {
            buffer.add(Objects.requireNonNull(event, "event"));
            if (buffer.size() >= batchSize) {
                batch = takeBuffer();
            }
        }
        if (batch != null) {
            send(batch);
        }
    }

    /**
     * Sends the buffered events now.
     *
     * @throws AuditException when they could not be delivered
     */
    public void flush() {
        List<AuditEvent> batch;
        synchronized (buffer) {
            batch = takeBuffer();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    /**
     * Returns how many events the server accepted.
     *
     * @return the count
     */
    public long sentEvents() {
        return sent.get();
    }

    /**
     * Returns how many events could not be delivered.
     *
     * @return the count
     */
    public long failedEvents() {
        return failed.get();
    }

    /** Sends what is buffered; a failure is logged at ERROR and counted, not thrown. */
    @Override
    public void close() {
        try {
            flush();
        } catch (AuditException e) {
            log.debug("final audit batch failed; already reported", e);
        }
    }

    private List<AuditEvent> takeBuffer() {
        List<AuditEvent> batch = new ArrayList<>(buffer);
        buffer.clear();
        return batch;
    }

    private void send(List<AuditEvent> batch) {
        String body = fhirParser().encodeResourceToString(toBundle(batch));
        HttpRequest.Builder request = HttpRequest.newBuilder(base).timeout(timeout)
                .header("Content-Type", "application/fhir+json; charset=utf-8")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        customizer.accept(request);

        HttpResponse<String> response;
        try {
            response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw fail(batch.size(), batch.size(), "no answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(batch.size(), batch.size(), "interrupted", e);
        }

        int rejectedEntries = rejectedEntries(response, batch.size());
        sent.addAndGet(batch.size() - rejectedEntries);
        if (rejectedEntries > 0) {
            throw fail(rejectedEntries, batch.size(), "HTTP " + response.statusCode(), null);
        }
    }

    private int rejectedEntries(HttpResponse<String> response, int size) {
        if (response.statusCode() / 100 != 2) {
            return size;
        }
        try {
            Bundle answer = fhirParser().parseResource(Bundle.class, response.body());
            if (answer.getEntry().size() != size) {
                return size;
            }
            return (int) answer.getEntry().stream().filter(e -> !e.hasResponse()
                    || !e.getResponse().getStatus().trim().startsWith("2")).count();
        } catch (RuntimeException e) {
            return size;
        }
    }

    private AuditException fail(int count, int batch, String why, Throwable cause) {
        long total = failed.addAndGet(count);
        log.error("audit server {} did not accept {} of {} audit events ({}); total failed {}",
                base, count, batch, why, total);
        return new AuditException(count + " of " + batch + " audit events not delivered to "
                + base + " (" + why + ")", cause);
    }

    private Bundle toBundle(List<AuditEvent> batch) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        for (AuditEvent event : batch) {
            org.hl7.fhir.r4.model.AuditEvent resource = mapper.toFhir(event);
            resource.setId((String) null);
            BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(resource);
            entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent");
        }
        return bundle;
    }

    private static IParser fhirParser() {
        return FhirContext.forR4Cached().newJsonParser();
    }

    /**
     * Builds a {@link FhirServerAuditSink}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final URI base;
        private final FhirAuditEventMapper mapper;
        private int batchSize = 50;
        private Duration timeout = Duration.ofSeconds(10);
        private HttpClient client;
        private Consumer<HttpRequest.Builder> customizer = r -> { };
        private boolean allowHttp;

        private Builder(URI base, FhirAuditEventMapper mapper) {
            this.base = Objects.requireNonNull(base, "base");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
        }

        /**
         * Sets how many events go in one batch.
         *
         * @param batchSize 1 to 1,000; default 50
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the connect and request timeout.
         *
         * @param timeout positive; default 10 seconds
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the HTTP client (for TLS settings or a proxy).
         *
         * @param client the client; default a new one with the timeout as connect timeout
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.client = client;
            return this;
        }

        /**
         * Lets the caller add headers, for example the audit server's own credentials.
         *
         * @param customizer called for every request before it is sent
         * @return this builder
         */
        public Builder requestCustomizer(Consumer<HttpRequest.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Allows a plain {@code http} base URL. Audit events name patients and users; use it
         * for loopback tests only.
         *
         * @param allow false by default
         * @return this builder
         */
        public Builder allowHttp(boolean allow) {
            this.allowHttp = allow;
            return this;
        }

        /**
         * Checks the settings and builds the sink.
         *
         * @return the sink
         * @throws IllegalArgumentException listing every problem
         */
        public FhirServerAuditSink build() {
            List<String> problems = new ArrayList<>();
            String scheme = base.getScheme() == null ? ""
                    : base.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
                problems.add("base: must be an https URL (http only with allowHttp), was "
                        + base);
            }
            if (batchSize < 1 || batchSize > 1_000) {
                problems.add("batchSize: must be 1 to 1000, was " + batchSize);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add("timeout: must be positive, was " + timeout);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid FHIR server audit sink:\n- "
                        + String.join("\n- ", problems));
            }
            return new FhirServerAuditSink(this);
        }
    }
}
