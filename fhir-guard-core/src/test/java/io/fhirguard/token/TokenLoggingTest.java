package io.fhirguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fhirguard.testing.LoopbackAuthServer.Mode;
import io.fhirguard.testing.TestKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No token, nor any part of one, reaches a log line, whatever the outcome. */
class TokenLoggingTest extends JwtTestSupport {

    @Test
    void neitherAcceptedNorRefusedTokensAppearInTheLogs() {
        String valid = tokens.token().claim("patient", "pat-314159").sign();
        String expired = tokens.token().claim("exp", clock.instant().minusSeconds(600)
                .getEpochSecond()).sign();
        String forged = tokens.token().signedBy(TestKey.rsa("key-1"))
                .sign();
        String late = tokens.token().claim("iat", clock.instant().plus(Duration.ofHours(2))
                .getEpochSecond()).claim("exp", clock.instant().plus(Duration.ofHours(3))
                .getEpochSecond()).sign();
        List<String> all = List.of(valid, expired, forged, late);

        String log = captureStandardError(() -> {
            validator.validate(valid);
            catchThrowable(() -> validator.validate(expired));
            catchThrowable(() -> validator.validate(forged));
            server.mode(Mode.ERROR);
            clock.advance(Duration.ofHours(2));
            catchThrowable(() -> validator.validate(late));
        });

        assertThat(log).contains("Token accepted").contains("Token refused")
                .contains("token-key-server-unavailable").doesNotContain("pat-314159");
        for (String jwt : all) {
            for (String part : jwt.split("\\.")) {
                assertThat(log).doesNotContain(part);
            }
        }
    }

    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
