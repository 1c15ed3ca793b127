package io.fhirguard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.IssueType;
import io.fhirguard.refusal.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterStoreTest {
    private static final RateLimitTier FIVE_PER_TEN_SECONDS =
            RateLimitTier.of("small", 5, Duration.ofSeconds(10));
    private static final RateLimitKey CLIENT = RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID, "app");

    private final SteppedClock clock = SteppedClock.atNoon();

    private RateLimiterStore store() {
        return RateLimiterStore.inMemory(RateLimitConfig.builder().clock(clock).build());
    }

    @Test
    void burstUpToTheLimitIsPermittedWithRemainingCountingDown() {
        RateLimiterStore store = store();

        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RateLimitResult r = store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);
            assertThat(r.isPermitted()).isTrue();
            remaining.add(r.remaining());
        }

        assertThat(remaining).containsExactly(4, 3, 2, 1, 0);
    }

    @Test
    void requestPastTheBurstIsRefusedWithRetryAfterUntilThePeriodEnds() {
        RateLimiterStore store = store();
        exhaust(store);

        RateLimitResult refused = store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);

        assertThat(refused.isPermitted()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.limit()).isEqualTo(5);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAsTheClockAdvances() {
        RateLimiterStore store = store();
        exhaust(store);

        clock.advance(Duration.ofMillis(3_500));
        RateLimitResult refused = store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);

        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void budgetIsRefilledInFullAtTheNextPeriod() {
        RateLimiterStore store = store();
        exhaust(store);

        clock.advance(Duration.ofSeconds(10));
        RateLimitResult next = store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);

        assertThat(next.isPermitted()).isTrue();
        assertThat(next.remaining()).isEqualTo(4);
    }

    @Test
    void refusedRequestsDoNotUseUpTheNextPeriod() {
        RateLimiterStore store = store();
        exhaust(store);
        for (int i = 0; i < 20; i++) {
            store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);
        }

        clock.advance(Duration.ofSeconds(10));

        assertThat(store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS).remaining()).isEqualTo(4);
    }

    @Test
    void peekReportsTheBudgetWithoutTakingFromIt() {
        RateLimiterStore store = store();
        store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS);

        RateLimitResult first = store.peek(CLIENT, FIVE_PER_TEN_SECONDS);
        RateLimitResult second = store.peek(CLIENT, FIVE_PER_TEN_SECONDS);

        assertThat(first.remaining()).isEqualTo(4);
        assertThat(second.remaining()).isEqualTo(4);
    }

    @Test
    void keysAreCountedSeparately() {
        RateLimiterStore store = store();
        exhaust(store);

        RateLimitResult other = store.tryAcquire(RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID,
                "other-app"), FIVE_PER_TEN_SECONDS);

        assertThat(other.isPermitted()).isTrue();
    }

    @Test
    void refusedResultBecomes429ThrottledWithRetryAfter() {
        RateLimiterStore store = store();
        exhaust(store);

        FhirGuardException refusal = store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS).toRefusal();

        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(refusal.issueType()).isEqualTo(IssueType.THROTTLED);
        assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(refusal.description())
                .isEqualTo("Request rate limit exceeded; retry after 10 s");
    }

    @Test
    void concurrentCallersGetExactlyTheLimitWithinOnePeriod() throws Exception {
        RateLimiterStore store = store();
        RateLimitTier hundred = RateLimitTier.of("hundred", 100, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger permitted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();

        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    if (store.tryAcquire(CLIENT, hundred).isPermitted()) {
                        permitted.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(permitted.get()).isEqualTo(100);
    }

    private void exhaust(RateLimiterStore store) {
        for (int i = 0; i < 5; i++) {
            assertThat(store.tryAcquire(CLIENT, FIVE_PER_TEN_SECONDS).isPermitted()).isTrue();
        }
    }
}
