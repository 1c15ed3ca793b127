package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-address and per-client limits, with their headers. */
class RateLimitTest {

    @Test
    void requestsWithoutTokenOverTheAddressLimitGet429WithRetryAfter() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start(s -> s.unauthenticatedRateLimit(3)
                .unauthenticatedRateLimitPeriod(Duration.ofHours(1)), f -> { }, List.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(stack.url("Patient/" + FABIAN)).send().status())
                        .isEqualTo(401);
            }

            Http.Response r = Http.get(stack.url("Patient/" + FABIAN)).send();

            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(r.header("RateLimit-Limit")).hasValue("3");
            assertThat(r.header("RateLimit-Remaining")).hasValue("0");
            assertThat(r.body()).contains("rate-limited-unauthenticated")
                    .contains("\"code\":\"throttled\"");
        }
    }

    @Test
    void failedTokensCountAgainstTheAddressLimitAndValidTokensPassTheCheck() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start(s -> s.unauthenticatedRateLimit(2)
                .unauthenticatedRateLimitPeriod(Duration.ofHours(1)), f -> { }, List.of())) {
            String good = stack.patientToken(FABIAN);
            Http.get(stack.url("Patient/" + FABIAN)).bearer("not-a-jwt").send();
            Http.get(stack.url("Patient/" + FABIAN)).bearer("not-a-jwt-either").send();

            Http.Response r = Http.get(stack.url("Patient/" + FABIAN)).bearer(good).send();

            assertThat(r.status()).isEqualTo(429);
            assertThat(r.body()).contains("rate-limited-unauthenticated");
        }
    }

    @Test
    void clientOverItsLimitGets429WithRateLimitHeaders() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start(s -> s.clientRateLimit(2)
                .clientRateLimitPeriod(Duration.ofHours(1)), f -> { }, List.of())) {
            String token = stack.patientToken(FABIAN);
            Http.Response first = Http.get(stack.url("Patient/" + FABIAN)).bearer(token).send();
            Http.get(stack.url("Patient/" + FABIAN)).bearer(token).send();

            Http.Response r = Http.get(stack.url("Patient/" + FABIAN)).bearer(token).send();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("RateLimit-Limit")).hasValue("2");
            assertThat(first.header("RateLimit-Remaining")).hasValue("1");
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isPresent();
            assertThat(r.body()).contains("rate-limited");
        }
    }
}
