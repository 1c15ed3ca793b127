package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.MutableClock;
import io.fhirguard.testing.TestKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attempts to escape the per-address limit of unauthenticated and failed requests: forged
 * {@code X-Forwarded-For} and {@code Forwarded} headers (no proxy is trusted by default), and
 * a change of failure kind. The stepped clock stands still, so no budget refills.
 */
@ExtendWith(LeakWatch.class)
class RateLimitEvasionTest {
    private static final int BUDGET = 5;

    @Test
    void forgedForwardingHeadersDoNotResetTheAddressBudget() throws Exception {
        try (Target t = Target.start(MutableClock.start(), s -> s
                .unauthenticatedRateLimit(BUDGET)
                .unauthenticatedRateLimitPeriod(Duration.ofHours(1)), f -> { })) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < BUDGET * 2; i++) {
                statuses.add(Http.get(t.url("Patient/" + A))
                        .header("X-Forwarded-For", "10.0.0." + i)
                        .header("Forwarded", "for=10.1.0." + i)
                        .header("X-Real-IP", "10.2.0." + i).send().status());
            }

            assertThat(statuses.subList(0, BUDGET)).containsOnly(401);
            assertThat(statuses.subList(BUDGET, BUDGET * 2)).containsOnly(429);
        }
    }

    @Test
    void invalidTokensShareTheBudgetOfMissingOnes() throws Exception {
        MutableClock clock = MutableClock.start();
        try (Target t = Target.start(clock, s -> s.unauthenticatedRateLimit(BUDGET)
                .unauthenticatedRateLimitPeriod(Duration.ofHours(1)), f -> { })) {
            String forged = t.issue(t.patientA().signedBy(TestKey.rsa(t.key().kid())));
            for (int i = 0; i < BUDGET; i++) {
                assertThat(Http.get(t.url("Patient/" + A)).bearer(forged).send().status())
                        .isEqualTo(401);
            }

            Http.Response none = Http.get(t.url("Patient/" + A)).send();
            Http.Response garbage = Http.get(t.url("Patient/" + A)).bearer("x.y.z").send();

            assertThat(none.status()).isEqualTo(429);
            assertThat(none.header("Retry-After")).isPresent();
            assertThat(garbage.status()).isEqualTo(429);
            // The budget is checked before validation, so the address is closed to valid
            // tokens too until it refills: brute force stops, at the price of everyone else
            // behind the same address (a NAT) being held back as well.
            assertThat(Http.get(t.url("Patient/" + A)).bearer(t.tokenForA()).send().status())
                    .as("a valid token from the exhausted address").isEqualTo(429);
        }
    }
}
