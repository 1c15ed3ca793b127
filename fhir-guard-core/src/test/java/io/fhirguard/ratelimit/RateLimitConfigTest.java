package io.fhirguard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {

    @Test
    void buildReportsEveryProblemAtOnce() {
        RateLimitConfig.Builder builder = RateLimitConfig.builder()
                .trustedProxies(List.of("10.0.0.0/33", "lb.local"))
                .maxTrackedKeys(0)
                .tokenKeyOrder(List.of(RateLimitKey.Kind.ADDRESS))
                .idleEviction(Duration.ofSeconds(30));

        assertThatIllegalArgumentException().isThrownBy(builder::build)
                .withMessage("invalid rate limit configuration:\n"
                        + "- tokenKeyOrder: must be a non-empty list of CLIENT_ID and SUBJECT,"
                        + " was [ADDRESS]\n"
                        + "- trustedProxies: '10.0.0.0/33' is no IP address or CIDR block"
                        + " (host names are not accepted)\n"
                        + "- trustedProxies: 'lb.local' is no IP address or CIDR block"
                        + " (host names are not accepted)\n"
                        + "- maxTrackedKeys: must be 1 to 10000000, was 0\n"
                        + "- idleEviction: must be at least the longest tier period (PT1M) so an"
                        + " exhausted budget is not forgotten early, was PT30S");
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        RateLimitConfig config = RateLimitConfig.builder().build();

        assertThat(config.defaultTier())
                .isEqualTo(RateLimitTier.of("default", 100, Duration.ofSeconds(1)));
        assertThat(config.unauthenticatedTier())
                .isEqualTo(RateLimitTier.of("unauthenticated", 20, Duration.ofMinutes(1)));
        assertThat(config.maxTrackedKeys()).isEqualTo(100_000);
        assertThat(config.idleEviction()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.trustedProxies()).isEmpty();
    }

    @Test
    void toBuilderKeepsEveryValue() {
        RateLimitConfig config = RateLimitConfig.builder()
                .clientTier("app", RateLimitTier.of("app", 5, Duration.ofSeconds(2)))
                .trustedProxies(List.of("10.0.0.1"))
                .maxTrackedKeys(7)
                .build();

        RateLimitConfig copy = config.toBuilder().build();

        assertThat(copy.clientTiers()).isEqualTo(config.clientTiers());
        assertThat(copy.trustedProxies()).containsExactly("10.0.0.1");
        assertThat(copy.maxTrackedKeys()).isEqualTo(7);
    }
}
