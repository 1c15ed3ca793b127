package io.fhirguard.token;

import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.params.ParameterizedTest;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static io.fhirguard.testing.TokenAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.Reason;
import io.fhirguard.testing.Json;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.LoopbackAuthServer.Mode;
import io.fhirguard.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7662 introspection against a real loopback endpoint. */
class IntrospectionValidatorTest {
    static final String AUD = "https://fhir.example/r4";
    static final String TOKEN = "opaque-2b7e151628aed2a6abf71588";

    LoopbackAuthServer server;
    MutableClock clock;

    @BeforeEach
    void start() {
        server = LoopbackAuthServer.start();
        server.introspectionClient("fhir-guard", "s3cret:with&chars");
        clock = MutableClock.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IntrospectionValidatorConfig.Builder config() {
        return IntrospectionValidatorConfig.builder(server.introspectionUri(), "fhir-guard",
                "s3cret:with&chars").audiences(AUD).clock(clock)
                .timeouts(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    private Map<String, Object> active() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        m.put("iss", server.issuer());
        m.put("sub", "user-9");
        m.put("aud", AUD);
        m.put("client_id", "app-2");
        m.put("scope", "patient/Observation.rs");
        m.put("exp", clock.instant().plusSeconds(600).getEpochSecond());
        m.put("patient", "p-77");
        return m;
    }

    private void answer(Map<String, Object> m) {
        server.introspectionAnswer(TOKEN, Json.write(m));
    }

    @Test
    void activeTokenIsAcceptedWithClientSecretBasic() {
        answer(active());

        AccessToken token = IntrospectionValidator.create(config().build()).validate(TOKEN);

        assertThat(token.kind()).isEqualTo(CredentialKind.OPAQUE);
        assertThat(token.subject()).contains("user-9");
        assertThat(token.clientId()).contains("app-2");
        assertThat(token.scopes()).containsExactly("patient/Observation.rs");
        assertThat(token.patient()).contains("p-77");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refresh_token", "urn:ietf:params:oauth:token-type:refresh_token",
            "Refresh_Token"})
    void activeRefreshTokenIsRefusedAsWrongType(String tokenType) {
        Map<String, Object> m = active();
        m.put("token_type", tokenType);
        answer(m);

        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_WRONG_TYPE, TOKEN);
    }

    @Test
    void activeTokenWithBearerTokenTypeIsAccepted() {
        Map<String, Object> m = active();
        m.put("token_type", "Bearer");
        answer(m);

        assertThat(IntrospectionValidator.create(config().build()).validate(TOKEN).subject())
                .contains("user-9");
    }

    @Test
    void activeTokenIsAcceptedWithClientSecretPost() {
        answer(active());
        IntrospectionValidator validator = IntrospectionValidator.create(config()
                .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).build());

        assertThat(validator.validate(TOKEN).subject()).contains("user-9");
    }

    @Test
    void inactiveTokenIsRefused() {
        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_INACTIVE, TOKEN);
    }

    @Test
    void activeAsAStringIsNotActive() {
        Map<String, Object> m = active();
        m.put("active", "true");
        answer(m);

        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_INACTIVE, TOKEN);
    }

    @Test
    void wrongAudienceInTheAnswerIsRefused() {
        Map<String, Object> m = active();
        m.put("aud", List.of("https://other.example"));
        answer(m);

        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_AUDIENCE_MISMATCH, TOKEN);
    }

    @Test
    void expiredAnswerIsRefused() {
        Map<String, Object> m = active();
        m.put("exp", clock.instant().minusSeconds(61).getEpochSecond());
        answer(m);

        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_EXPIRED, TOKEN);
    }

    @Test
    void answerWithoutExpIsRefusedByDefault() {
        Map<String, Object> m = active();
        m.remove("exp");
        answer(m);

        assertInvalidToken(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_CLAIM_MISSING, TOKEN);
    }

    @Test
    void wrongIssuerInTheAnswerIsRefused() {
        answer(active());
        IntrospectionValidator validator = IntrospectionValidator.create(config()
                .issuer("https://as.example").build());

        assertInvalidToken(() -> validator.validate(TOKEN), Reason.TOKEN_UNTRUSTED_ISSUER, TOKEN);
    }

    @Test
    void endpointDownGives503() {
        answer(active());
        IntrospectionValidator validator = IntrospectionValidator.create(config().build());
        server.close();

        assertUnavailable(() -> validator.validate(TOKEN), Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
    }

    @Test
    void endpointErrorGives503() {
        server.mode(Mode.ERROR);

        assertUnavailable(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
    }

    @Test
    void nonJsonAnswerGives503() {
        server.mode(Mode.GARBAGE);

        assertUnavailable(() -> IntrospectionValidator.create(config().build()).validate(TOKEN),
                Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
    }

    @Test
    void slowEndpointGives503AfterTheReadTimeout() {
        server.mode(Mode.HANG);
        try {
            assertUnavailable(() -> IntrospectionValidator.create(config().build())
                    .validate(TOKEN), Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
        } finally {
            server.release();
        }
    }

    @Test
    void rejectedClientCredentialsGive503NotAPass() {
        answer(active());
        IntrospectionValidator validator = IntrospectionValidator.create(
                IntrospectionValidatorConfig.builder(server.introspectionUri(), "fhir-guard",
                        "wrong").audiences(AUD).clock(clock).build());

        assertUnavailable(() -> validator.validate(TOKEN), Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
    }

    @Test
    void activeAnswerIsCachedByTokenHash() {
        answer(active());
        IntrospectionValidator validator = IntrospectionValidator.create(config().build());
        validator.validate(TOKEN);
        server.mode(Mode.ERROR);

        assertThat(validator.validate(TOKEN).subject()).contains("user-9");
        assertThat(server.requests("/introspect")).isEqualTo(1);
    }

    @Test
    void cachedAnswerNeverOutlivesExp() {
        Map<String, Object> m = active();
        m.put("exp", clock.instant().plusSeconds(30).getEpochSecond());
        answer(m);
        IntrospectionValidator validator = IntrospectionValidator.create(config().build());
        validator.validate(TOKEN);
        server.mode(Mode.ERROR);
        clock.advance(Duration.ofSeconds(30));

        assertUnavailable(() -> validator.validate(TOKEN), Reason.TOKEN_INTROSPECTION_UNAVAILABLE);
    }

    @Test
    void cachedAnswerIsDroppedOnRevocation() {
        answer(active());
        InMemoryRevocationRegistry registry = InMemoryRevocationRegistry.create(clock);
        IntrospectionValidator validator = IntrospectionValidator.create(config()
                .revocationRegistry(registry).build());
        validator.validate(TOKEN);

        registry.revokeSubject("user-9");

        assertInvalidToken(() -> validator.validate(TOKEN), Reason.TOKEN_REVOKED, TOKEN);
    }

    @Test
    void plainHttpToARemoteHostIsRefusedAtBuild() {
        assertThatThrownBy(() -> IntrospectionValidatorConfig.builder(
                URI.create("http://as.example/introspect"), "c", "s").audiences(AUD).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint: http://as.example/introspect is plain http to a"
                        + " non-loopback host");
    }

    @Test
    void configurationProblemsAreAllReportedWithoutTheSecret() {
        assertThatThrownBy(() -> IntrospectionValidatorConfig.builder(
                URI.create("ftp://as.example/x"), " ", "hunter2-secret")
                .cache(Duration.ZERO, -1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint: scheme 'ftp' is not https")
                .hasMessageContaining("clientId: must not be blank")
                .hasMessageContaining("audiences: at least one non-blank audience is required")
                .hasMessageContaining("cacheTtl: PT0S must be positive")
                .hasMessageContaining("cacheSize: -1 is outside 0..1000000")
                .hasMessageNotContaining("hunter2-secret");
    }
}
