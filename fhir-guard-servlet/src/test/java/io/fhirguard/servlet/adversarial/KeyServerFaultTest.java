package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.LoopbackAuthServer.Mode;
import io.fhirguard.testing.MutableClock;
import io.fhirguard.testing.TestKey;
import io.fhirguard.token.IntrospectionValidator;
import io.fhirguard.token.IntrospectionValidatorConfig;
import io.fhirguard.token.JwtValidator;
import io.fhirguard.token.JwtValidatorConfig;
import io.fhirguard.token.TrustedIssuer;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outages of the key server and the introspection endpoint, driven through the core fixture
 * {@link LoopbackAuthServer} (ERROR, GARBAGE, HANG) with short configured timeouts and a stepped
 * clock: an outage is a 503 with {@code Retry-After}, never a pass; cached keys keep valid
 * tokens working while they last; service comes back when the server does.
 */
@ExtendWith(LeakWatch.class)
class KeyServerFaultTest {
    // Short enough to keep the slow-server tests fast, long enough for a loaded 2-core machine.
    private static final Duration CONNECT = Duration.ofMillis(1000);
    private static final Duration READ = Duration.ofMillis(1500);
    private static final String CLIENT_SECRET = "introspection-secret-" + UUID.randomUUID();

    @Test
    void keyServerDownAtStartGets503AndServesOnceItIsBack() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer keys = warmedUp();
        keys.mode(Mode.ERROR);
        try (Target t = jwtTarget(clock, keys)) {
            assertOutage(t, () -> t.get("Patient/" + A, t.tokenForA()), "token-key-server-unavailable");

            keys.mode(Mode.NORMAL);
            clock.advance(Duration.ofSeconds(6));

            assertThat(t.get("Patient/" + A, t.tokenForA()).status()).isEqualTo(200);
        }
    }

    @Test
    void keyServerDownMidRunKeepsValidTokensWorkingWhileCachedKeysLast() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer keys = warmedUp();
        try (Target t = jwtTarget(clock, keys)) {
            assertThat(t.get("Patient/" + A, t.tokenForA()).status()).isEqualTo(200);
            keys.mode(Mode.ERROR);

            assertThat(t.get("Patient/" + A, t.tokenForA()).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(10));
            assertThat(t.get("Patient/" + A, t.tokenForA()).status())
                    .as("stale keys serve within maxKeyStaleness").isEqualTo(200);
            assertThat(t.get("Patient/" + A, t.issue(t.patientA()
                    .signedBy(TestKey.rsa("rotated-key")))).status())
                    .as("an unknown kid during the outage is never a pass").isIn(401, 503);
            clock.advance(Duration.ofHours(2));
            assertOutage(t, () -> t.get("Patient/" + A, t.tokenForA()), "token-key-server-unavailable");

            keys.mode(Mode.NORMAL);
            clock.advance(Duration.ofSeconds(6));
            assertThat(t.get("Patient/" + A, t.tokenForA()).status()).isEqualTo(200);
        }
    }

    @Test
    void slowKeyServerGets503AfterTheConfiguredTimeout() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer keys = warmedUp();
        keys.mode(Mode.HANG);
        try (Target t = jwtTarget(clock, keys)) {
            assertOutage(t, () -> t.get("Patient/" + A, t.tokenForA()), "token-key-server-unavailable");
        } finally {
            keys.release();
        }
    }

    @Test
    void garbageFromTheKeyServerGets503() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer keys = warmedUp();
        keys.mode(Mode.GARBAGE);
        try (Target t = jwtTarget(clock, keys)) {
            assertOutage(t, () -> t.get("Patient/" + A, t.tokenForA()), "token-key-server-unavailable");
        }
    }

    @Test
    void keySetWithoutTheSigningKeyGets401NotAPass() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer keys = warmedUp();
        try (Target t = jwtTarget(clock, keys)) {
            keys.keys(TestKey.rsa("someone-elses-key"));

            Http.Response r = t.get("Patient/" + A, t.tokenForA());

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("token-unknown-key");
        }
    }

    @Test
    void introspectionDownGets503AndRecovers() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer server = warmedUp();
        try (Target t = introspectionTarget(clock, server)) {
            String first = opaque(server, clock);
            assertThat(t.get("Patient/" + A, first).status()).isEqualTo(200);
            server.mode(Mode.ERROR);

            assertOutage(t, () -> t.get("Patient/" + A, opaque(server, clock)),
                    "token-introspection-unavailable");
            assertThat(t.get("Patient/" + A, first).status())
                    .as("an answer cached before the outage still holds").isEqualTo(200);

            server.mode(Mode.NORMAL);
            assertThat(t.get("Patient/" + A, opaque(server, clock)).status()).isEqualTo(200);
        }
    }

    @Test
    void slowIntrospectionGets503AfterTheConfiguredTimeout() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer server = warmedUp();
        server.mode(Mode.HANG);
        try (Target t = introspectionTarget(clock, server)) {
            assertOutage(t, () -> t.get("Patient/" + A, opaque(server, clock)),
                    "token-introspection-unavailable");
        } finally {
            server.release();
        }
    }

    @Test
    void garbageFromIntrospectionGets503() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer server = warmedUp();
        server.mode(Mode.GARBAGE);
        try (Target t = introspectionTarget(clock, server)) {
            assertOutage(t, () -> t.get("Patient/" + A, opaque(server, clock)),
                    "token-introspection-unavailable");
        }
    }

    @Test
    void inactiveIntrospectionAnswerGets401() throws Exception {
        MutableClock clock = MutableClock.start();
        LoopbackAuthServer server = warmedUp();
        try (Target t = introspectionTarget(clock, server)) {
            Http.Response r = t.get("Patient/" + A, Secrets.token(
                    "never-issued-" + UUID.randomUUID()));

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("token-inactive");
        }
    }

    // A cold JDK HttpServer can take longer than the short timeouts to answer its first call.
    private static LoopbackAuthServer warmedUp() {
        LoopbackAuthServer server = LoopbackAuthServer.start();
        Http.get(java.net.URI.create(server.issuer() + "/jwks")).send();
        return server;
    }

    private static void assertOutage(Target t, Supplier<Http.Response> call, String reason) {
        int before = t.received().all().size();

        Http.Response r = call.get();

        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(r.body()).contains("OperationOutcome").contains(reason)
                .contains("\"code\":\"transient\"");
        assertThat(t.received().all()).as("requests HAPI received").hasSize(before);
        assertThat(t.auditOf(r).decision().name()).isEqualTo("DENY");
    }

    // The filter's JWT validator, but with short timeouts and a synchronous refresh so that
    // the stepped clock alone decides when keys go stale.
    private static Target jwtTarget(MutableClock clock, LoopbackAuthServer keys)
            throws Exception {
        return Target.start(clock, keys, s -> s, f -> f.tokenValidator(JwtValidator.create(
                JwtValidatorConfig.builder()
                        .issuer(TrustedIssuer.builder(keys.issuer()).audiences(Target.AUDIENCE)
                                .jwksUri(keys.jwksUri()).build())
                        .clock(clock).timeouts(CONNECT, READ).refreshExecutor(Runnable::run)
                        .build())));
    }

    private static Target introspectionTarget(MutableClock clock, LoopbackAuthServer server)
            throws Exception {
        server.introspectionClient("fhir-guard", CLIENT_SECRET);
        Secrets.register(CLIENT_SECRET);
        return Target.start(clock, server, s -> s, f -> f.tokenValidator(
                IntrospectionValidator.create(IntrospectionValidatorConfig.builder(
                        server.introspectionUri(), "fhir-guard", CLIENT_SECRET)
                        .audiences(Target.AUDIENCE).clock(clock).timeouts(CONNECT, READ)
                        .build())));
    }

    // An opaque token the introspection endpoint calls active, for patient A.
    private static String opaque(LoopbackAuthServer server, MutableClock clock) {
        String token = Secrets.token("opaque-" + UUID.randomUUID());
        long now = clock.instant().getEpochSecond();
        server.introspectionAnswer(token, "{\"active\":true,\"scope\":\"launch/patient "
                + "patient/*.rs\",\"patient\":\"" + A + "\",\"client_id\":\"app-1\","
                + "\"sub\":\"user-1\",\"aud\":\"" + Target.AUDIENCE + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}");
        return token;
    }
}
