package io.fhirguard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitResultTest {

    @Test
    void refusalWaitIsRoundedUpToWholeSeconds() {
        assertThat(RateLimitResult.refused(5, Duration.ofMillis(2_001)).retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(RateLimitResult.refused(5, Duration.ofSeconds(2)).retryAfter())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusalWaitsAtLeastOneSecond() {
        assertThat(RateLimitResult.refused(5, Duration.ofNanos(1)).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimitResult.refused(5, Duration.ZERO).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void permittedResultIsNoRefusal() {
        RateLimitResult permitted = RateLimitResult.permitted(5, 3);

        assertThat(permitted.retryAfter()).isZero();
        assertThatIllegalStateException().isThrownBy(permitted::toRefusal)
                .withMessage("a permitted rate limit result is no refusal");
    }
}
