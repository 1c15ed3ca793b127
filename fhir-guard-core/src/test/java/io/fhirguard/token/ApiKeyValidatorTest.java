package io.fhirguard.token;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.Reason;
import io.fhirguard.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ApiKeyValidatorTest {
    static final String KEY = "fg_live_7f3a9c1e5b2d4f6a8c0e";

    private static ApiKeyValidator validator(ApiKeyConfig.Builder b) {
        return ApiKeyValidator.create(b.build());
    }

    private static ApiKeyConfig.Builder config() {
        return ApiKeyConfig.builder()
                .key(ApiKeyConfig.sha256Hex("another-key"), "svc-other", "system/*.rs")
                .key(ApiKeyConfig.sha256Hex(KEY), "svc-reporting", "system/Observation.rs",
                        "system/Patient.rs");
    }

    @Test
    void knownKeyMapsToItsPrincipalAndScopes() {
        AccessToken token = validator(config()).validate(KEY);

        assertThat(token.kind()).isEqualTo(CredentialKind.API_KEY);
        assertThat(token.subject()).contains("svc-reporting");
        assertThat(token.scopes()).containsExactly("system/Observation.rs", "system/Patient.rs");
        assertThat(token.fingerprint()).isEqualTo(ApiKeyConfig.sha256Hex(KEY));
        assertThat(token.expiresAt()).isEmpty();
    }

    @Test
    void unknownKeyIsRefused() {
        String wrong = KEY + "x";

        assertInvalidToken(() -> validator(config()).validate(wrong),
                Reason.TOKEN_UNKNOWN_API_KEY, wrong);
    }

    @Test
    void revokedPrincipalIsRefused() {
        InMemoryRevocationRegistry registry = InMemoryRevocationRegistry.create(
                MutableClock.start());
        ApiKeyValidator validator = validator(config().revocationRegistry(registry));
        registry.revokeSubject("svc-reporting");

        assertInvalidToken(() -> validator.validate(KEY), Reason.TOKEN_REVOKED, KEY);
    }

    @Test
    void headerNameIsConfigurable() {
        assertThat(validator(config()).headerName()).isEqualTo("X-API-Key");
        assertThat(validator(config().headerName("Api-Key")).headerName()).isEqualTo("Api-Key");
    }

    @Test
    void configurationWithoutKeysIsRefusedSoApiKeysStayOffUnlessConfigured() {
        assertThatThrownBy(() -> ApiKeyConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys: at least one key hash is required");
    }

    @Test
    void everyConfigurationProblemIsReportedWithoutTheHash() {
        String hash = ApiKeyConfig.sha256Hex(KEY);

        assertThatThrownBy(() -> ApiKeyConfig.builder().headerName("bad header")
                .key("not-hex", "a").key(hash, "b").key(hash, " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headerName: 'bad header' is not an HTTP header name")
                .hasMessageContaining("keys[0] (a): the hash must be 64 hex characters")
                .hasMessageContaining("keys[2] ( ): same hash as an earlier key")
                .hasMessageContaining("keys[2]: principal must not be blank")
                .hasMessageNotContaining(hash);
    }

    @Test
    void toStringShowsPrincipalsButNoHashes() {
        String text = config().build().toString();

        assertThat(text).contains("svc-reporting").doesNotContain(ApiKeyConfig.sha256Hex(KEY));
    }
}
