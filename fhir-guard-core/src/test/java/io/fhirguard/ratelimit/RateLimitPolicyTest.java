package io.fhirguard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {
    private static final String FINGERPRINT = "ab".repeat(32);
    private static final RateLimitTier PARTNER =
            RateLimitTier.of("partner", 50, Duration.ofSeconds(1));
    private static final RateLimitTier CLINICIAN =
            RateLimitTier.of("clinician", 20, Duration.ofSeconds(1));
    private static final RateLimitTier ADMIN = RateLimitTier.of("admin", 30, Duration.ofSeconds(1));

    private final SteppedClock clock = SteppedClock.atNoon();

    private RateLimitConfig config() {
        return RateLimitConfig.builder()
                .defaultTier(RateLimitTier.of("default", 10, Duration.ofSeconds(1)))
                .clientTier("partner-app", PARTNER)
                .roleTier("clinician", CLINICIAN)
                .roleTier("admin", ADMIN)
                .unauthenticatedTier(RateLimitTier.of("anon", 2, Duration.ofMinutes(1)))
                .clock(clock)
                .build();
    }

    private static AccessToken.Builder jwt() {
        return AccessToken.builder(CredentialKind.JWT, FINGERPRINT);
    }

    @Test
    void tokenIsCountedUnderItsClientIdFirst() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());

        RateLimitKey key =
                policy.keyFor(jwt().clientId("app").subject("alice").build(), "1.2.3.4");

        assertThat(key).isEqualTo(RateLimitKey.of(RateLimitKey.Kind.CLIENT_ID, "app"));
    }

    @Test
    void tokenWithoutClientIdIsCountedUnderItsSubject() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());

        RateLimitKey key = policy.keyFor(jwt().subject("alice").build(), "1.2.3.4");

        assertThat(key).isEqualTo(RateLimitKey.of(RateLimitKey.Kind.SUBJECT, "alice"));
    }

    @Test
    void tokenNamingNoClientOrSubjectIsCountedUnderTheAddress() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());

        RateLimitKey key = policy.keyFor(jwt().build(), "192.0.2.4");

        assertThat(key).isEqualTo(RateLimitKey.of(RateLimitKey.Kind.ADDRESS, "192.0.2.4"));
    }

    @Test
    void apiKeyIsCountedUnderAHashNotItsValue() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());

        RateLimitKey key = policy.keyFor(AccessToken.builder(CredentialKind.API_KEY, FINGERPRINT)
                .clientId("batch-job").build(), "192.0.2.4");

        assertThat(key.kind()).isEqualTo(RateLimitKey.Kind.API_KEY);
        assertThat(key.value()).hasSize(64).isNotEqualTo(FINGERPRINT);
        assertThat(RateLimitKey.of(RateLimitKey.Kind.API_KEY, "s3cret-key").value())
                .doesNotContain("s3cret").hasSize(64);
        assertThat(key.toString()).doesNotContain(key.value());
    }

    @Test
    void clientOverrideWinsOverRoles() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());
        AccessToken token = jwt().clientId("partner-app").roles(List.of("clinician")).build();

        RateLimitResult first = policy.acquire(token, "192.0.2.4");

        assertThat(first.limit()).isEqualTo(50);
    }

    @Test
    void mostGenerousRoleTierApplies() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());
        AccessToken token = jwt().clientId("app").roles(List.of("clinician", "admin")).build();

        assertThat(policy.tierFor(token, policy.keyFor(token, "192.0.2.4"))).isEqualTo(ADMIN);
    }

    @Test
    void tokenWithoutOverridesGetsTheDefaultTier() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());

        RateLimitResult first = policy.acquire(jwt().clientId("app").build(), "192.0.2.4");

        assertThat(first.limit()).isEqualTo(10);
        assertThat(first.remaining()).isEqualTo(9);
    }

    @Test
    void unauthenticatedRequestsUseTheStricterAddressBudgetAndRefuseWithTheirOwnReason() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());
        policy.acquireUnauthenticated("192.0.2.4");
        policy.acquireUnauthenticated("192.0.2.4");

        RateLimitResult third = policy.acquireUnauthenticated("192.0.2.4");
        FhirGuardException refusal = third.toRefusal();

        assertThat(third.isPermitted()).isFalse();
        assertThat(refusal.reason()).isEqualTo(Reason.RATE_LIMITED_UNAUTHENTICATED);
        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void checkBeforeAuthenticationRefusesAnExhaustedAddressWithoutCounting() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());
        policy.acquireUnauthenticated("192.0.2.4");

        RateLimitResult beforeExhausted = policy.checkUnauthenticated("192.0.2.4");
        policy.acquireUnauthenticated("192.0.2.4");
        RateLimitResult afterExhausted = policy.checkUnauthenticated("192.0.2.4");

        assertThat(beforeExhausted.isPermitted()).isTrue();
        assertThat(beforeExhausted.remaining()).isEqualTo(1);
        assertThat(afterExhausted.isPermitted()).isFalse();
        assertThat(afterExhausted.reason()).isEqualTo(Reason.RATE_LIMITED_UNAUTHENTICATED);
    }

    @Test
    void failedAuthenticationsDoNotSpendTheAuthenticatedBudgetOfTheSameAddress() {
        RateLimitPolicy policy = RateLimitPolicy.inMemory(config());
        policy.acquireUnauthenticated("192.0.2.4");
        policy.acquireUnauthenticated("192.0.2.4");

        RateLimitResult authenticated = policy.acquire(jwt().build(), "192.0.2.4");

        assertThat(authenticated.isPermitted()).isTrue();
    }
}
