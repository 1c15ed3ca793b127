package io.fhirguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.testing.MutableClock;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/** Damaged tokens never slip through and never raise anything but a refusal. */
class JwtFuzzTest {
    private static final TestKey KEY = TestKey.rsa("fuzz-1");
    private static final String ISSUER = "https://as.example";
    private static final MutableClock CLOCK = MutableClock.start();
    private static final String TOKEN = TokenFactory.of(ISSUER, "api", KEY, CLOCK).token()
            .claim("sub", "fuzz-user").sign();

    /** Static keys only and no verified cache: no thread, no state between tries. */
    private static final JwtValidator VALIDATOR = JwtValidator.create(JwtValidatorConfig
            .builder().clock(CLOCK).verifiedCacheSize(0)
            .issuer(TrustedIssuer.builder(ISSUER).audiences("api")
                    .staticKeys(TestKey.jwks(KEY)).build())
            .build());

    @Property(tries = 400)
    void aDamagedTokenIsRefusedOrStillCarriesTheSignedClaims(
            @ForAll @IntRange(min = 0, max = 2000) int where,
            @ForAll @CharRange(from = 0, to = 0x7f) char replacement) {
        int at = where % TOKEN.length();
        String damaged = TOKEN.substring(0, at) + replacement + TOKEN.substring(at + 1);

        Throwable thrown = catchThrowable(() -> {
            AccessToken token = VALIDATOR.validate(damaged);
            assertThat(token.subject()).contains("fuzz-user");
        });

        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOfSatisfying(FhirGuardException.class,
                        e -> assertThat(e.status()).isEqualTo(401)));
    }
}
