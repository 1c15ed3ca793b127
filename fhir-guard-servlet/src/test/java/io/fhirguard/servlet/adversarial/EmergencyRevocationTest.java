package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin revocation endpoint attacked over HTTP: after the emergency switch ("revoke
 * everything issued before now") no earlier token passes, a token without {@code iat} included,
 * while tokens issued afterwards work; revoking one subject leaves others alone.
 */
@ExtendWith(LeakWatch.class)
class EmergencyRevocationTest {

    @Test
    void emergencySwitchRefusesEveryEarlierTokenEvenWithoutIat() throws Exception {
        MutableClock clock = MutableClock.start();
        try (Target t = Target.start(clock, s -> s, f -> { })) {
            String earlier = t.tokenForA();
            String withoutIat = t.issue(t.patientA().without("iat"));
            String admin = t.adminToken();
            assertThat(t.get("Patient/" + A, withoutIat).status()).isEqualTo(200);

            assertThat(revoke(t, admin, "{\"issuedBefore\":\"now\"}").status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(2));

            assertRevoked(t.get("Patient/" + A, earlier));
            assertRevoked(t.get("Patient/" + A, withoutIat));
            assertRevoked(t.get("Patient/" + A, admin));
            assertThat(t.get("Patient/" + A, t.tokenForA()).status()).isEqualTo(200);
        }
    }

    @Test
    void revokingOneSubjectLeavesOthersAlone() throws Exception {
        MutableClock clock = MutableClock.start();
        try (Target t = Target.start(clock, s -> s, f -> { })) {
            String victim = t.issue(t.patientA().claim("sub", "stolen-user"));
            String other = t.issue(t.patientA().claim("sub", "other-user"));

            assertThat(revoke(t, t.adminToken(), "{\"subject\":\"stolen-user\"}").status())
                    .isEqualTo(200);

            assertRevoked(t.get("Patient/" + A, victim));
            assertThat(t.get("Patient/" + A, other).status()).isEqualTo(200);
        }
    }

    private static Http.Response revoke(Target t, String admin, String body) {
        return Http.method("POST", t.url("fhirguard/revocations")).bearer(admin)
                .body("application/json", body).send();
    }

    private static void assertRevoked(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains("token-revoked");
    }
}
