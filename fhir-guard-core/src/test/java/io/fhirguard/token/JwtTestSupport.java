package io.fhirguard.token;

import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.MutableClock;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Shared arrangement: one loopback key server, one RSA key, a stepped clock. */
abstract class JwtTestSupport {
    static final String AUD = "https://fhir.example/r4";
    static final TestKey KEY = TestKey.rsa("key-1");

    LoopbackAuthServer server;
    MutableClock clock;
    TokenFactory tokens;
    JwtValidator validator;

    @BeforeEach
    void startServer() {
        server = LoopbackAuthServer.start();
        server.keys(KEY);
        clock = MutableClock.start();
        tokens = TokenFactory.of(server.issuer(), AUD, KEY, clock);
        validator = JwtValidator.create(config(issuer().build()).build());
    }

    @AfterEach
    void stopServer() {
        validator.close();
        server.close();
    }

    TrustedIssuer.Builder issuer() {
        return TrustedIssuer.builder(server.issuer()).audiences(AUD).jwksUri(server.jwksUri());
    }

    JwtValidatorConfig.Builder config(TrustedIssuer... issuers) {
        JwtValidatorConfig.Builder b = JwtValidatorConfig.builder().clock(clock)
                .refreshExecutor(Runnable::run)
                .timeouts(Duration.ofMillis(500), Duration.ofMillis(1000));
        for (TrustedIssuer i : issuers) {
            b.issuer(i);
        }
        return b;
    }

    void use(JwtValidatorConfig config) {
        validator.close();
        validator = JwtValidator.create(config);
    }
}
