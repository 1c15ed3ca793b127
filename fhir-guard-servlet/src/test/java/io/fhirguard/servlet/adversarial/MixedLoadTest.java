package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.audit.AuditDecision;
import io.fhirguard.audit.AuditEvent;
import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.MutableClock;
import io.fhirguard.testing.TestKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bounded load on loopback: 2,000 requests from 32 concurrent clients, a mix of valid tokens,
 * invalid tokens and one client far over its limit. Asserts that no invalid request is
 * permitted, that the greedy client gets no more than its budget, and that the audit trail
 * holds exactly one event per request, none lost and none duplicated. Heap use is measured and
 * printed, not asserted. The stepped clock stands still, so budgets never refill mid-test.
 */
@ExtendWith(LeakWatch.class)
class MixedLoadTest {
    private static final int REQUESTS = 2_000;
    private static final int CLIENTS = 32;
    private static final int VALID_CLIENTS = 8;
    private static final int VALID_PER_CLIENT = 125;
    private static final int GREEDY = 500;
    private static final int BUDGET = 200;

    private enum Kind { VALID, INVALID, GREEDY }

    private record Sent(Kind kind, int status, String requestId, boolean retryAfter) {
    }

    @Test
    void mixedLoadPermitsNoInvalidRequestAndAuditsEachRequestExactlyOnce() throws Exception {
        MutableClock clock = MutableClock.start();
        try (Target t = Target.start(clock, s -> s.clientRateLimit(BUDGET)
                .clientRateLimitPeriod(Duration.ofHours(1)).unauthenticatedRateLimit(100_000),
                f -> { })) {
            List<Runnable> plan = new ArrayList<>();
            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            plan(t, plan, sent);
            long heapBefore = usedHeap();

            run(plan);

            long heapAfter = usedHeap();
            System.out.printf("adversarial load: %d requests, %d clients, used heap %d MiB"
                    + " before, %d MiB after%n", REQUESTS, CLIENTS, heapBefore >> 20,
                    heapAfter >> 20);
            assertThat(sent).hasSize(REQUESTS);
            assertStatuses(sent);
            assertAuditedOnce(t, sent);
        }
    }

    private static void plan(Target t, List<Runnable> plan, ConcurrentLinkedQueue<Sent> sent) {
        TestKey stranger = TestKey.rsa(t.key().kid());
        List<String> invalid = List.of(t.issue(t.patientA().signedBy(stranger)),
                Secrets.token("not-a-jwt-" + "x".repeat(40)),
                t.issue(t.patientA().claim("aud", "https://elsewhere.test")));
        for (int c = 0; c < VALID_CLIENTS; c++) {
            String token = t.issue(t.patientA().claim("client_id", "load-client-" + c));
            for (int i = 0; i < VALID_PER_CLIENT; i++) {
                plan.add(() -> sent.add(call(t, Kind.VALID, token)));
            }
        }
        String greedy = t.issue(t.patientA().claim("client_id", "greedy-client"));
        for (int i = 0; i < GREEDY; i++) {
            plan.add(() -> sent.add(call(t, Kind.GREEDY, greedy)));
        }
        int rest = REQUESTS - plan.size();
        for (int i = 0; i < rest; i++) {
            String token = invalid.get(i % invalid.size());
            plan.add(() -> sent.add(call(t, Kind.INVALID, token)));
        }
        Collections.shuffle(plan, new Random(20261204));
    }

    private static Sent call(Target t, Kind kind, String token) {
        Http.Response r = t.get("Patient/" + A, token);
        return new Sent(kind, r.status(), r.header("X-Request-Id").orElse(null),
                r.header("Retry-After").isPresent());
    }

    private static void run(List<Runnable> plan) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            plan.forEach(p -> done.add(pool.submit(p)));
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertStatuses(ConcurrentLinkedQueue<Sent> sent) {
        for (Sent s : sent) {
            switch (s.kind()) {
                case VALID -> assertThat(s.status()).as("valid request").isEqualTo(200);
                case INVALID -> assertThat(s.status()).as("invalid request").isEqualTo(401);
                case GREEDY -> {
                    assertThat(s.status()).as("greedy request").isIn(200, 429);
                    assertThat(s.retryAfter()).isEqualTo(s.status() == 429);
                }
                default -> throw new AssertionError(s.kind());
            }
        }
        long greedyServed = sent.stream().filter(s -> s.kind() == Kind.GREEDY)
                .filter(s -> s.status() == 200).count();
        assertThat(greedyServed).as("greedy requests served").isEqualTo(BUDGET);
    }

    private static void assertAuditedOnce(Target t, ConcurrentLinkedQueue<Sent> sent) {
        Set<String> ids = new HashSet<>();
        for (Sent s : sent) {
            assertThat(s.requestId()).isNotNull();
            assertThat(ids.add(s.requestId())).as("request ids are unique").isTrue();
            AuditEvent event = t.audit().await(s.requestId());
            assertThat(t.audit().count(s.requestId())).as("events of one request").isEqualTo(1);
            assertThat(event.decision()).isEqualTo(s.status() == 200 ? AuditDecision.PERMIT
                    : AuditDecision.DENY);
            assertThat(event.httpStatus()).hasValue(s.status());
        }
        long lines = t.auditText().lines().filter(l -> !l.isBlank()).count();
        assertThat(lines).as("audit lines written").isEqualTo(REQUESTS);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
