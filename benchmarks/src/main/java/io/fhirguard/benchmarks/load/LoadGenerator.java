package io.fhirguard.benchmarks.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator on the JDK {@code HttpClient}: a fixed number of threads,
 * each sending its next request as soon as the last one answered, for a warm-up then a
 * measured period, bounded in both time and request count. Only loopback URIs
 * ({@code 127.0.0.1}) are accepted.
 */
public final class LoadGenerator {
    /**
     * How hard and how long to push.
     *
     * @param concurrency client threads, each with one request in flight
     * @param warmup time before measuring starts, answers discarded
     * @param duration the measured period at most
     * @param maxRequests measured requests at most, across all threads
     */
    public record Settings(int concurrency, Duration warmup, Duration duration,
            long maxRequests) {
        /** Checks the bounds. */
        public Settings {
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency: " + concurrency
                        + " is outside 1..256");
            }
            if (maxRequests < 1 || maxRequests > 50_000_000) {
                throw new IllegalArgumentException("maxRequests: " + maxRequests
                        + " is outside 1..50000000");
            }
            if (duration.compareTo(Duration.ofMinutes(10)) > 0
                    || warmup.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("warmup and duration: 10 minutes at most");
            }
        }
    }

    /**
     * What one or more measured periods gave.
     *
     * @param requests measured requests answered with the expected status
     * @param errors measured requests that failed or got another status
     * @param elapsed the measured periods' real length, added up
     * @param latencies every successful request's latency in nanoseconds, sorted
     */
    public record Result(long requests, long errors, Duration elapsed, long[] latencies) {
        /** @return successful requests per second */
        public double throughput() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        /** @return the median latency */
        public Duration p50() {
            return percentile(latencies, 0.50);
        }

        /** @return the 99th percentile latency */
        public Duration p99() {
            return percentile(latencies, 0.99);
        }

        /**
         * Adds another period's figures to these.
         *
         * @param other the other period
         * @return the combined figures
         */
        public Result plus(Result other) {
            long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            Arrays.sort(all);
            return new Result(requests + other.requests, errors + other.errors,
                    elapsed.plus(other.elapsed), all);
        }
    }

    private final HttpClient client;

    /**
     * Creates a generator sharing one HTTP/1.1 client across its threads.
     */
    public LoadGenerator() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Sends the requests round-robin until the measured period or the count runs out.
     *
     * @param requests the requests to cycle through; all to 127.0.0.1
     * @param expectedStatus the status a successful answer has
     * @param settings concurrency and bounds
     * @return the measured figures
     * @throws InterruptedException when interrupted while waiting for the threads
     */
    public Result run(List<HttpRequest> requests, int expectedStatus, Settings settings)
            throws InterruptedException {
        requests.forEach(LoadGenerator::requireLoopback);
        long start = System.nanoTime();
        long measureFrom = start + settings.warmup().toNanos();
        long stopAt = measureFrom + settings.duration().toNanos();
        AtomicLong measured = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            Worker w = new Worker(i, requests, expectedStatus, measureFrom, stopAt,
                    settings.maxRequests(), measured, errors);
            workers.add(w);
            w.thread.start();
        }
        long lastEnd = 0;
        for (Worker w : workers) {
            w.thread.join();
            lastEnd = Math.max(lastEnd, w.lastEnd);
        }
        return summarise(workers, errors.get(), Duration.ofNanos(lastEnd - measureFrom));
    }

    private static Result summarise(List<Worker> workers, long errors, Duration elapsed) {
        int n = workers.stream().mapToInt(w -> w.count).sum();
        long[] all = new long[n];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        return new Result(n, errors, elapsed, all);
    }

    private static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, index)]);
    }

    private static void requireLoopback(HttpRequest request) {
        if (!"127.0.0.1".equals(request.uri().getHost())) {
            throw new IllegalArgumentException("only 127.0.0.1 is a load target, got host "
                    + request.uri().getHost());
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        private final int offset;
        private final List<HttpRequest> requests;
        private final int expectedStatus;
        private final long measureFrom;
        private final long stopAt;
        private final long maxRequests;
        private final AtomicLong measured;
        private final AtomicLong errors;
        long[] latencies = new long[1024];
        int count;
        long lastEnd;

        Worker(int offset, List<HttpRequest> requests, int expectedStatus, long measureFrom,
                long stopAt, long maxRequests, AtomicLong measured, AtomicLong errors) {
            this.offset = offset;
            this.requests = requests;
            this.expectedStatus = expectedStatus;
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            this.maxRequests = maxRequests;
            this.measured = measured;
            this.errors = errors;
            this.thread = new Thread(this, "load-" + offset);
        }

        @Override
        public void run() {
            int next = offset;
            while (true) {
                long begin = System.nanoTime();
                if (begin >= stopAt) {
                    return;
                }
                boolean counts = begin >= measureFrom;
                if (counts && measured.incrementAndGet() > maxRequests) {
                    return;
                }
                boolean ok = send(requests.get(next++ % requests.size()));
                long end = System.nanoTime();
                if (counts) {
                    lastEnd = end;
                    record(ok, end - begin);
                }
            }
        }

        private boolean send(HttpRequest request) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == expectedStatus;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void record(boolean ok, long nanos) {
            if (!ok) {
                errors.incrementAndGet();
                return;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }
}
