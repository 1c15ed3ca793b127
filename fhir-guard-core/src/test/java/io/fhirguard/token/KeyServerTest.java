package io.fhirguard.token;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static io.fhirguard.testing.TokenAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.testing.LoopbackAuthServer.Mode;
import io.fhirguard.testing.TestKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** JWKS fetching and caching against a real loopback key server. */
class KeyServerTest extends JwtTestSupport {
    static final TestKey KEY_2 = TestKey.rsa("key-2");

    @Test
    void newKidIsAcceptedAfterOneRefetch() {
        validator.validate(tokens.token().sign());
        server.keys(KEY, KEY_2);

        AccessToken token = validator.validate(tokens.token().signedBy(KEY_2).sign());

        assertThat(token.subject()).contains("user-1");
        assertThat(server.requests("/jwks")).isEqualTo(2);
    }

    @Test
    void removedKeyIsRefusedAfterRefresh() {
        validator.validate(tokens.token().sign());
        server.keys(KEY_2);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        String jwt = tokens.token().sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);
    }

    @Test
    void cachedTokenStopsPassingOnceItsKeyIsRemoved() {
        String jwt = tokens.token()
                .claim("exp", clock.instant().plus(Duration.ofHours(1)).getEpochSecond()).sign();
        validator.validate(jwt);
        server.keys(KEY_2);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        validator.validate(tokens.token().signedBy(KEY_2).sign());

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);
    }

    @Test
    void keyServerDownAtStartGives503WithRetryAfter() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        use(config(issuer().jwksUri(URI.create("http://127.0.0.1:" + closedPort + "/jwks"))
                .build()).build());
        String jwt = tokens.token().sign();

        FhirGuardException e = assertUnavailable(() -> validator.validate(jwt),
                Reason.TOKEN_KEY_SERVER_UNAVAILABLE);

        assertThat(e.getMessage()).doesNotContain(jwt);
    }

    @Test
    void keyServerAnsweringErrorsAtStartGives503AndRecoversAfterBackoff() {
        server.mode(Mode.ERROR);
        String jwt = tokens.token().sign();
        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
        server.mode(Mode.NORMAL);
        clock.advance(Duration.ofSeconds(5));

        assertThat(validator.validate(tokens.token().sign()).subject()).contains("user-1");
    }

    @Test
    void keyServerDownMidRunKeepsServingCachedKeys() {
        validator.validate(tokens.token().sign());
        server.close();
        clock.advance(Duration.ofMinutes(10));

        AccessToken token = validator.validate(tokens.token().sign());

        assertThat(token.subject()).contains("user-1");
    }

    @Test
    void keyServerDownBeyondTheStalenessBoundGives503() {
        validator.validate(tokens.token().sign());
        server.close();
        clock.advance(Duration.ofMinutes(5).plus(Duration.ofHours(1)).plusSeconds(1));
        String jwt = tokens.token().sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void unknownKidDuringAnOutageGives503NotAPass() {
        validator.validate(tokens.token().sign());
        server.mode(Mode.ERROR);
        String jwt = tokens.token().signedBy(KEY_2).sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void slowKeyServerDoesNotHoldBackValidTokens() {
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            use(config(issuer().build()).refreshExecutor(refresher).build());
            validator.validate(tokens.token().sign());
            server.mode(Mode.HANG);
            clock.advance(Duration.ofMinutes(6));

            List<AccessToken> accepted = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                accepted.add(validator.validate(tokens.token().sign()));
            }

            assertThat(accepted).hasSize(20)
                    .allSatisfy(t -> assertThat(t.subject()).contains("user-1"));
        } finally {
            server.release();
            refresher.shutdownNow();
        }
    }

    @Test
    void slowKeyServerWithNoCachedKeysGives503AfterTheReadTimeout() {
        use(config(issuer().build()).timeouts(Duration.ofMillis(300), Duration.ofMillis(300))
                .build());
        server.mode(Mode.HANG);
        String jwt = tokens.token().sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void unknownKidFloodFetchesAtMostOncePerWindow() throws Exception {
        validator.validate(tokens.token().sign());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Reason>> results = new ArrayList<>();
        Callable<Reason> forged = () -> {
            try {
                validator.validate(tokens.token().header("kid", UUID.randomUUID().toString())
                        .sign());
                return null;
            } catch (FhirGuardException e) {
                return e.reason();
            }
        };
        try {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(forged));
            }
            for (Future<Reason> f : results) {
                assertThat(f.get()).isEqualTo(Reason.TOKEN_UNKNOWN_KEY);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.requests("/jwks")).isEqualTo(2);
        assertThat(validator.validate(tokens.token().sign()).subject()).contains("user-1");
    }

    @Test
    void unknownKidRefetchIsAllowedAgainAfterTheWindow() {
        validator.validate(tokens.token().sign());
        String forged = tokens.token().header("kid", "nope").sign();
        assertInvalidToken(() -> validator.validate(forged), Reason.TOKEN_UNKNOWN_KEY, forged);
        assertInvalidToken(() -> validator.validate(forged), Reason.TOKEN_UNKNOWN_KEY, forged);
        clock.advance(Duration.ofSeconds(30));

        assertInvalidToken(() -> validator.validate(forged), Reason.TOKEN_UNKNOWN_KEY, forged);

        assertThat(server.requests("/jwks")).isEqualTo(3);
    }

    @Test
    void garbageKeySetGives503() {
        server.mode(Mode.GARBAGE);
        String jwt = tokens.token().sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void oversizedKeySetGives503() {
        use(config(issuer().build()).maxResponseBytes(1024).build());
        server.jwksBody(TestKey.jwks(KEY).replace("{\"keys\"",
                "{\"pad\":\"" + "x".repeat(2000) + "\",\"keys\""));
        String jwt = tokens.token().sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void unusableKeysInTheKeySetAreSkipped() {
        String good = TestKey.jwks(KEY);
        server.jwksBody(good.replace("{\"keys\":[", "{\"keys\":["
                + "{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"***\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"oct\",\"kid\":\"sym\",\"k\":\"c2VjcmV0\"},"
                + "{\"kty\":\"XYZ\",\"kid\":\"alien\"},"
                + "\"not an object\","));

        AccessToken token = validator.validate(tokens.token().sign());

        assertThat(token.subject()).contains("user-1");
    }

    @Test
    void keyMarkedForEncryptionIsNotUsedForSignatures() {
        server.jwksBody(TestKey.jwks(KEY).replace("\"use\":\"sig\"", "\"use\":\"enc\""));
        String jwt = tokens.token().sign();

        assertUnavailable(() -> validator.validate(jwt), Reason.TOKEN_KEY_SERVER_UNAVAILABLE);
    }

    @Test
    void cacheControlMaxAgeSetsTheRefreshTime() {
        server.cacheControl("public, max-age=120");
        validator.validate(tokens.token().sign());
        clock.advance(Duration.ofSeconds(119));
        validator.validate(tokens.token().sign());
        assertThat(server.requests("/jwks")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));

        validator.validate(tokens.token().sign());

        assertThat(server.requests("/jwks")).isEqualTo(2);
    }

    @Test
    void cacheControlMaxAgeIsClampedToTheConfiguredMaximum() {
        server.cacheControl("max-age=99999999");
        validator.validate(tokens.token().sign());
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        validator.validate(tokens.token().sign());

        assertThat(server.requests("/jwks")).isEqualTo(2);
    }

    @Test
    void cacheControlBelowTheMinimumIsRaisedToIt() {
        server.cacheControl("max-age=0");
        validator.validate(tokens.token().sign());
        clock.advance(Duration.ofSeconds(59));

        validator.validate(tokens.token().sign());

        assertThat(server.requests("/jwks")).isEqualTo(1);
    }

    @Test
    void refreshKeysFetchesEveryRemoteIssuerNow() {
        int refreshed = validator.refreshKeys();

        assertThat(refreshed).isEqualTo(1);
        assertThat(server.requests("/jwks")).isEqualTo(1);
    }
}
