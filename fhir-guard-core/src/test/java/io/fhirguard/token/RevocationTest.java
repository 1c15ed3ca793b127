package io.fhirguard.token;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revocation through the JWT validator and the in-memory registry's own rules. */
class RevocationTest extends JwtTestSupport {
    InMemoryRevocationRegistry registry;

    @BeforeEach
    void useRegistry() {
        registry = InMemoryRevocationRegistry.create(clock, Duration.ofHours(1));
        use(config(issuer().build()).revocationRegistry(registry).build());
    }

    @Test
    void revokedJtiIsRefusedEvenAfterBeingCached() {
        String jwt = tokens.token().sign();
        AccessToken token = validator.validate(jwt);

        registry.revoke(token);

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_REVOKED, jwt);
    }

    @Test
    void revokedSubjectCoversEarlierTokensOnly() {
        String before = tokens.token().sign();
        clock.advance(Duration.ofSeconds(1));
        registry.revokeSubject("user-1");
        clock.advance(Duration.ofSeconds(1));
        String after = tokens.token().sign();

        assertInvalidToken(() -> validator.validate(before), Reason.TOKEN_REVOKED, before);
        assertThat(validator.validate(after).subject()).contains("user-1");
    }

    @Test
    void revokedClientIsRefused() {
        String jwt = tokens.token().sign();
        registry.revokeClient("app-1");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_REVOKED, jwt);
    }

    @Test
    void revokeEverythingIssuedBeforeRefusesOlderTokensAndThoseWithoutIat() {
        String old = tokens.token().sign();
        String noIat = tokens.token().without("iat").sign();
        clock.advance(Duration.ofSeconds(10));
        registry.revokeIssuedBefore(clock.instant().minusSeconds(1));
        String fresh = tokens.token().sign();

        assertInvalidToken(() -> validator.validate(old), Reason.TOKEN_REVOKED, old);
        assertInvalidToken(() -> validator.validate(noIat), Reason.TOKEN_REVOKED, noIat);
        assertThat(validator.validate(fresh).subject()).contains("user-1");
    }

    @Test
    void issuedBeforeCutoffNeverMovesBackwards() {
        Instant later = clock.instant().plusSeconds(100);
        registry.revokeIssuedBefore(later);

        registry.revokeIssuedBefore(clock.instant());

        assertThat(registry.issuedBefore()).contains(later);
    }

    @Test
    void revocationIsCheckedOnlyAfterTheSignature() {
        registry.revokeClient("app-1");
        String forged = tokens.token().signedBy(KEY).header("kid", "unknown").sign();

        assertInvalidToken(() -> validator.validate(forged), Reason.TOKEN_UNKNOWN_KEY, forged);
    }

    @Test
    void jtiEntryExpiresOnceTheTokenWouldHave() {
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        registry.revokeJti("j-1", exp);
        assertThat(registry.size()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5).plus(TrustedIssuer.MAX_CLOCK_SKEW));

        assertThat(registry.size()).isZero();
    }

    @Test
    void subjectEntryExpiresAfterTheMaximumTokenLifetime() {
        registry.revokeSubject("user-1");
        clock.advance(Duration.ofHours(1).plus(TrustedIssuer.MAX_CLOCK_SKEW));

        assertThat(registry.size()).isZero();
    }

    @Test
    void everyChangeNotifiesTheListeners() {
        AtomicInteger calls = new AtomicInteger();
        registry.addChangeListener(calls::incrementAndGet);

        registry.revokeJti("j", clock.instant().plusSeconds(60));
        registry.revokeSubject("s");
        registry.revokeClient("c");
        registry.revokeIssuedBefore(clock.instant());

        assertThat(calls).hasValue(4);
    }

    @Test
    void nonPositiveLifetimeIsRejected() {
        assertThatThrownBy(() -> InMemoryRevocationRegistry.create(clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokenLifetime: must be positive, got PT0S");
    }
}
