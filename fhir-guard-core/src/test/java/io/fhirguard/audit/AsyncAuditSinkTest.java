package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncAuditSinkTest {
    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 1_000;

    @TempDir
    Path dir;

    /** A sink that counts, and holds the background thread until released. */
    private static final class GatedSink implements AuditSink {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger recorded = new AtomicInteger();

        @Override
        public void record(AuditEvent event) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorded.incrementAndGet();
        }
    }

    private static void produce(AuditSink sink, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String thread = prefix + t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                    sink.record(AuditFixtures.deniedRead(thread + "-" + i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    @Test
    void waitPolicyDeliversExactlyEveryEventFromManyThreads() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditSink target = JsonLinesAuditSink.builder().logger(false).file(file)
                .hashChain(true).build();
        AsyncAuditSink sink = AsyncAuditSink.builder(target).capacity(64)
                .waitTimeout(Duration.ofMinutes(1)).closeOnShutdown(false).build();

        produce(sink, "t");
        sink.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(THREADS * EVENTS_PER_THREAD);
        assertThat(sink.delivered()).isEqualTo(THREADS * EVENTS_PER_THREAD);
        assertThat(sink.dropped()).isZero();
        assertThat(AuditLogVerifier.verify(lines).isIntact()).isTrue();
    }

    @Test
    void dropPolicyCountsEveryEventItDidNotDeliver() throws Exception {
        GatedSink target = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(target).capacity(16)
                .overflow(AsyncAuditSink.Overflow.DROP).closeOnShutdown(false).build();

        produce(sink, "t");
        target.gate.countDown();
        sink.close();

        assertThat(target.recorded.get() + sink.dropped())
                .isEqualTo(THREADS * EVENTS_PER_THREAD);
        assertThat(sink.delivered()).isEqualTo(target.recorded.get());
        // At most the queue plus one batch the worker took before the gate held it got through.
        assertThat(sink.dropped()).isGreaterThanOrEqualTo(THREADS * EVENTS_PER_THREAD - 16 - 256);
    }

    @Test
    void waitPolicyRefusesWithAuditExceptionWhenNoRoomInTime() {
        GatedSink target = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(target).capacity(1)
                .waitTimeout(Duration.ZERO).closeOnShutdown(false).build();
        List<AuditException> refusals = new ArrayList<>();

        for (String id : List.of("a", "b", "c")) {
            try {
                sink.record(AuditFixtures.deniedRead(id));
            } catch (AuditException e) {
                refusals.add(e);
            }
        }
        target.gate.countDown();
        sink.close();

        assertThat(refusals).isNotEmpty().allSatisfy(e ->
                assertThat(e).hasMessageMatching("audit queue full; event [abc] not recorded"));
        assertThat(sink.rejected()).isEqualTo(refusals.size());
        assertThat(sink.delivered() + sink.rejected()).isEqualTo(3);
    }

    @Test
    void closeDeliversEverythingQueuedBeforeClosingTheDelegate() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AsyncAuditSink sink = AsyncAuditSink.builder(JsonLinesAuditSink.builder().logger(false)
                .file(file).build()).closeOnShutdown(false).build();
        for (int i = 0; i < 500; i++) {
            sink.record(AuditFixtures.deniedRead("e" + i));
        }

        sink.close();

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(500);
    }

    @Test
    void eventsRecordedAfterCloseAreCountedAsDropped() {
        AsyncAuditSink sink = AsyncAuditSink.builder(new GatedSink()).closeOnShutdown(false)
                .build();
        sink.close();

        sink.record(AuditFixtures.deniedRead("late"));

        assertThat(sink.dropped()).isEqualTo(1);
    }

    @Test
    void failingDelegateIsCountedAsFailedAndTheWorkerGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        AsyncAuditSink sink = AsyncAuditSink.builder(event -> {
            if (calls.incrementAndGet() == 1) {
                throw new AuditException("disk full", null);
            }
        }).closeOnShutdown(false).build();

        sink.record(AuditFixtures.deniedRead("x1"));
        sink.record(AuditFixtures.deniedRead("x2"));
        sink.close();

        assertThat(sink.failed()).isEqualTo(1);
        assertThat(sink.delivered()).isEqualTo(1);
    }
}
