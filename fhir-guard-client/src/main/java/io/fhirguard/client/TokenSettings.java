package io.fhirguard.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Checks shared by the token-source builders. */
final class TokenSettings {
    private TokenSettings() {
    }

    static void check(OAuthHttpConfig http, Clock clock, Duration skew, Duration lifetime,
            List<String> problems) {
        if (http == null) {
            problems.add("http is missing");
        }
        if (clock == null) {
            problems.add("clock is missing");
        }
        if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("refreshSkew is " + skew + "; allowed 0 to 10 minutes");
        }
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0
                || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("defaultLifetime is " + lifetime + "; allowed 1 second to 1 hour");
        }
    }
}
