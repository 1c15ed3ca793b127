package io.fhirguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrustedIssuerTest {
    static final URI JWKS = URI.create("https://as.example/jwks");

    @Test
    void defaultsAreSafe() {
        TrustedIssuer issuer = TrustedIssuer.builder("https://as.example").audiences("api")
                .jwksUri(JWKS).build();

        assertThat(issuer.algorithms()).containsExactly("RS256", "RS384", "RS512", "PS256",
                "PS384", "ES256", "ES384");
        assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(issuer.isRfc9068()).isFalse();
        assertThat(issuer.roleClaim()).isEqualTo("roles");
        assertThat(issuer.isInsecureHttpAllowed()).isFalse();
    }

    @Test
    void configurationWithoutAudienceIsRefused() {
        assertThatThrownBy(() -> TrustedIssuer.builder("https://as.example").jwksUri(JWKS)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audiences: at least one audience is required");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> TrustedIssuer.builder(" ").jwksUri(URI.create(
                "http://keys.example/jwks")).staticKeys("nonsense")
                .algorithms("none", "HS256", "XY1").clockSkew(Duration.ofSeconds(301))
                .roleClaim("my \"roles\"").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer: must not be blank")
                .hasMessageContaining("audiences: at least one audience is required")
                .hasMessageContaining("keys: set only one of jwksUri, discovery and staticKeys")
                .hasMessageContaining("jwksUri: http://keys.example/jwks is plain http to a"
                        + " non-loopback host")
                .hasMessageContaining("staticKeys: JWKS is not valid JSON")
                .hasMessageContaining("algorithms: 'none' is never allowed")
                .hasMessageContaining("algorithms: HS256 needs hmacSecret")
                .hasMessageContaining("algorithms: 'XY1' is not one of")
                .hasMessageContaining("clockSkew: PT5M1S is outside 0..PT5M")
                .hasMessageContaining("roleClaim: 'my \"roles\"' is not a dotted claim path");
    }

    @Test
    void hmacSecretShorterThan256BitsIsRefused() {
        byte[] secret = "too-short".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> TrustedIssuer.builder("https://as.example").audiences("api")
                .hmacSecret(secret).algorithms("HS256").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hmacSecret: must be at least 32 bytes (256 bits), got 9")
                .hasMessageNotContaining("too-short");
    }

    @Test
    void plainHttpIsAllowedOnLoopbackAndOnExplicitOptIn() {
        TrustedIssuer loopback = TrustedIssuer.builder("http://127.0.0.1:8080").audiences("api")
                .jwksUri(URI.create("http://127.0.0.1:8080/jwks")).build();
        TrustedIssuer optIn = TrustedIssuer.builder("http://as.internal").audiences("api")
                .jwksUri(URI.create("http://as.internal/jwks")).allowInsecureHttp(true).build();

        assertThat(loopback.jwksUri()).isPresent();
        assertThat(optIn.isInsecureHttpAllowed()).isTrue();
    }

    @Test
    void toStringHidesTheHmacSecret() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        String text = TrustedIssuer.builder("https://as.example").audiences("api")
                .hmacSecret(secret).algorithms("HS256").build().toString();

        assertThat(text).contains("hmac=***").doesNotContain("0123456789abcdef");
    }

    @Test
    void issuersDifferingOnlyByATrailingSlashAreAConfigurationError() {
        TrustedIssuer a = TrustedIssuer.builder("https://as.example").audiences("api")
                .jwksUri(JWKS).build();
        TrustedIssuer b = a.toBuilder().build();
        TrustedIssuer slash = TrustedIssuer.builder("https://as.example/").audiences("api")
                .jwksUri(JWKS).build();

        assertThatThrownBy(() -> JwtValidatorConfig.builder().issuer(a).issuer(b).issuer(slash)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuers: https://as.example is configured twice")
                .hasMessageContaining("https://as.example and https://as.example/ differ only"
                        + " by a trailing slash");
    }

    @Test
    void validatorConfigurationReportsEveryLimitProblem() {
        assertThatThrownBy(() -> JwtValidatorConfig.builder().maxTokenLength(10)
                .maxJsonDepth(1000).verifiedCacheSize(-1)
                .keyTtl(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofHours(1))
                .timeouts(Duration.ZERO, Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuers: at least one trusted issuer is required")
                .hasMessageContaining("maxTokenLength: 10 is outside 256..1048576")
                .hasMessageContaining("maxJsonDepth: 1000 is outside 2..64")
                .hasMessageContaining("verifiedCacheSize: -1 is outside 0..1000000")
                .hasMessageContaining("keyTtl: need min <= default <= max")
                .hasMessageContaining("connectTimeout: PT0S must be positive");
    }
}
