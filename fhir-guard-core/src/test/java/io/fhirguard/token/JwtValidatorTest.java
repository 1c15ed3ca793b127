package io.fhirguard.token;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static io.fhirguard.testing.TokenAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.IssueType;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtValidatorTest extends JwtTestSupport {

    @Test
    void validTokenIsAcceptedWithEveryFieldFilled() throws Exception {
        String jwt = tokens.token().claim("patient", "123").claim("encounter", "e-9")
                .claim("fhirUser", "Practitioner/7")
                .claim("fhirContext", List.of(Map.of("reference", "Patient/123")))
                .claim("roles", List.of("nurse", "auditor"))
                .claim("scope", "patient/Observation.rs patient/Observation.rs launch").sign();

        AccessToken token = validator.validate(jwt);

        assertThat(token.kind()).isEqualTo(CredentialKind.JWT);
        assertThat(token.issuer()).contains(server.issuer());
        assertThat(token.subject()).contains("user-1");
        assertThat(token.audience()).containsExactly(AUD);
        assertThat(token.clientId()).contains("app-1");
        assertThat(token.scopes()).containsExactly("patient/Observation.rs", "launch");
        assertThat(token.issuedAt()).contains(clock.instant());
        assertThat(token.expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(token.jti()).isPresent();
        assertThat(token.patient()).contains("123");
        assertThat(token.encounter()).contains("e-9");
        assertThat(token.fhirUser()).contains("Practitioner/7");
        assertThat(token.fhirContext()).containsExactly(Map.of("reference", "Patient/123"));
        assertThat(token.roles()).containsExactly("nurse", "auditor");
        assertThat(token.fingerprint()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(jwt.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rolesAreReadFromNestedClaimPath() {
        use(config(issuer().roleClaim("realm_access.roles").build()).build());
        String jwt = tokens.token()
                .claim("realm_access", Map.of("roles", List.of("admin", "admin", "clerk")))
                .sign();

        AccessToken token = validator.validate(jwt);

        assertThat(token.roles()).containsExactly("admin", "clerk");
    }

    @Test
    void rolesAreReadFromSpaceSeparatedGroupsString() {
        use(config(issuer().roleClaim("groups").build()).build());

        AccessToken token = validator.validate(tokens.token().claim("groups", "a b").sign());

        assertThat(token.roles()).containsExactly("a", "b");
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimsAreDeeplyImmutable() {
        String jwt = tokens.token().claim("ext", Map.of("list", List.of(Map.of("k", "v"))))
                .sign();

        Map<String, Object> claims = validator.validate(jwt).claims();
        Map<String, Object> ext = (Map<String, Object>) claims.get("ext");
        List<Object> list = (List<Object>) ext.get("list");

        assertThatThrownBy(() -> claims.put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ext.put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) list.get(0)).put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsNeitherTokenNorPatient() {
        String jwt = tokens.token().claim("patient", "pat-4711").sign();

        String text = validator.validate(jwt).toString();

        assertThat(text).doesNotContain(jwt).doesNotContain("pat-4711")
                .doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1));
    }

    @Test
    void expiredTokenGets401WithTokenExpired() {
        String jwt = tokens.token().sign();
        clock.advance(Duration.ofMinutes(5).plusSeconds(60));

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_EXPIRED, jwt);

        assertThat(e.issueType()).isEqualTo(IssueType.EXPIRED);
    }

    @Test
    void tokenJustPastExpWithinClockSkewIsAccepted() {
        String jwt = tokens.token().sign();
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));

        assertThat(validator.validate(jwt).subject()).contains("user-1");
    }

    @Test
    void notBeforeInFutureIsRefused() {
        String jwt = tokens.token().claim("nbf", clock.instant().plusSeconds(61).getEpochSecond())
                .sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_NOT_YET_VALID, jwt);
    }

    @Test
    void issuedAtInFutureIsRefused() {
        String jwt = tokens.token().claim("iat", clock.instant().plusSeconds(61).getEpochSecond())
                .sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ISSUED_IN_FUTURE, jwt);
    }

    @Test
    void missingExpIsRefused() {
        String jwt = tokens.token().without("exp").sign();

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_CLAIM_MISSING, jwt);

        assertThat(e.description()).isEqualTo("the exp claim is required");
    }

    @Test
    void nullExpIsRefusedAsMissing() {
        String jwt = tokens.token().claim("exp", null).sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_CLAIM_MISSING, jwt);
    }

    @Test
    void expBeyondTheRangeOfDoublesIsRefusedAsInvalidClaim() {
        String payload = tokens.token().payloadJson().replaceFirst("\"exp\":\\d+",
                "\"exp\":1e400");
        String jwt = TokenFactory.signRaw(tokens.token().headerJson(), payload, KEY, "RS256");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_CLAIM_INVALID, jwt);
    }

    @Test
    void stringExpIsRefusedAsInvalidClaim() {
        String jwt = tokens.token().claim("exp", "9999999999").sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_CLAIM_INVALID, jwt);
    }

    @Test
    void wrongIssuerIsRefused() {
        String jwt = tokens.token().claim("iss", "https://evil.example").sign();

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_UNTRUSTED_ISSUER, jwt);

        assertThat(e.description()).isEqualTo("the token issuer is not trusted");
    }

    @Test
    void trailingSlashIssuerIsRefusedWithAClearReason() {
        String jwt = tokens.token().claim("iss", server.issuer() + "/").sign();

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_UNTRUSTED_ISSUER, jwt);

        assertThat(e.description()).contains("only by a trailing slash");
    }

    @Test
    void wrongAudienceIsRefused() {
        String jwt = tokens.token().claim("aud", List.of("https://other.example")).sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_AUDIENCE_MISMATCH, jwt);
    }

    @Test
    void missingAudienceIsRefused() {
        String jwt = tokens.token().without("aud").sign();

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_AUDIENCE_MISMATCH, jwt);

        assertThat(e.description()).isEqualTo("the aud claim is required");
    }

    @Test
    void everyProblemIsListedInOneRefusal() {
        String jwt = tokens.token().claim("aud", "https://other.example")
                .claim("nbf", clock.instant().plusSeconds(3600).getEpochSecond()).sign();
        clock.advance(Duration.ofHours(2));

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_EXPIRED, jwt);

        assertThat(e.problems()).extracting(Problem::reason).containsExactly(
                Reason.TOKEN_EXPIRED, Reason.TOKEN_AUDIENCE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt"})
    void rfc9068ModeAcceptsAtJwtType(String typ) {
        use(config(issuer().rfc9068(true).build()).build());

        AccessToken token = validator.validate(tokens.token().header("typ", typ).sign());

        assertThat(token.subject()).contains("user-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "", "id_token+jwt", "at+jwt ", "dpop+jwt", "-"})
    void rfc9068ModeRefusesOtherTypes(String typ) {
        use(config(issuer().rfc9068(true).build()).build());
        TokenFactory.Builder b = tokens.token();
        String jwt = typ.equals("-") ? b.without("typ").sign() : b.header("typ", typ).sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_WRONG_TYPE, jwt);
    }

    @Test
    void outsideRfc9068ModeTypJwtIsAccepted() {
        String jwt = tokens.token().header("typ", "JWT").sign();

        assertThat(validator.validate(jwt).subject()).contains("user-1");
    }

    @Test
    void rfc9068ModeRequiresSubClientIdIatAndJti() {
        use(config(issuer().rfc9068(true).build()).build());
        String jwt = tokens.token().without("sub").without("client_id").without("iat")
                .without("jti").sign();

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_CLAIM_MISSING, jwt);

        assertThat(e.problems()).extracting(Problem::description).containsExactly(
                "the sub claim is required", "the client_id claim is required",
                "the iat claim is required", "the jti claim is required");
    }

    @Test
    void es256TokenFromJwksIsAccepted() {
        TestKey ec = TestKey.ec("ec-1", "ES256");
        server.keys(KEY, ec);

        AccessToken token = validator.validate(tokens.token().signedBy(ec).sign());

        assertThat(token.subject()).contains("user-1");
    }

    @Test
    void ps256TokenIsAccepted() {
        String jwt = tokens.token().header("alg", "PS256").sign();

        assertThat(validator.validate(jwt).subject()).contains("user-1");
    }

    @Test
    void staticPemKeyVerifiesWithoutAnyFetch() {
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD)
                .staticKeys(KEY.publicPem()).build()).build());

        AccessToken token = validator.validate(tokens.token().without("kid").sign());

        assertThat(token.subject()).contains("user-1");
        assertThat(server.requests("/jwks")).isZero();
    }

    @Test
    void jwksKeyWhoseKeyOpsLackVerifyIsNotUsedForSignatures() {
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(KEY.publicJwk());
        jwk.remove("use");
        jwk.put("key_ops", List.of("encrypt", "wrapKey"));
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD)
                .staticKeys(io.fhirguard.testing.Json.write(Map.of("keys",
                        List.of(jwk, TestKey.ec("other", "ES256").publicJwk()))))
                .build()).build());
        String jwt = tokens.token().sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);
    }

    @Test
    void staticJwksVerifiesByKid() {
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD)
                .staticKeys(TestKey.jwks(KEY)).build()).build());

        assertThat(validator.validate(tokens.token().sign()).subject()).contains("user-1");
    }

    @Test
    void hs256WithConfiguredSecretIsAccepted() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD).hmacSecret(secret)
                .algorithms("HS256").build()).build());
        TokenFactory.Builder b = tokens.token().header("alg", "HS256").without("kid");

        AccessToken token = validator.validate(
                TokenFactory.signHmac(b.headerJson(), b.payloadJson(), secret, "HS256"));

        assertThat(token.subject()).contains("user-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPENID_CONFIGURATION", "SMART_CONFIGURATION"})
    void discoveryFindsTheJwksUri(String kind) {
        KeyDiscovery discovery = KeyDiscovery.valueOf(kind);
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD).discovery(discovery)
                .build()).build());

        AccessToken token = validator.validate(tokens.token().sign());

        assertThat(token.subject()).contains("user-1");
        assertThat(server.requests(discovery.path())).isEqualTo(1);
    }

    @Test
    void discoveryDocumentNamingAnotherIssuerGives503() {
        server.discoveryIssuer(server.issuer() + "/");
        use(config(TrustedIssuer.builder(server.issuer()).audiences(AUD)
                .discovery(KeyDiscovery.OPENID_CONFIGURATION).build()).build());
        String jwt = tokens.token().sign();

        FhirGuardException e = assertUnavailable(() -> validator.validate(jwt),
                Reason.TOKEN_KEY_SERVER_UNAVAILABLE);

        assertThat(e.getCause()).hasMessageContaining("trailing slash");
        assertThat(server.requests("/jwks")).isZero();
    }

    @Test
    void repeatedTokenIsServedFromTheVerifiedCacheWhileKeysAreUsable() {
        String jwt = tokens.token().sign();
        AccessToken first = validator.validate(jwt);
        server.mode(LoopbackAuthServer.Mode.ERROR);

        AccessToken second = validator.validate(jwt);

        assertThat(second).isSameAs(first);
    }

    @Test
    void verifiedCacheNeverServesPastExp() {
        String jwt = tokens.token().sign();
        validator.validate(jwt);
        clock.advance(Duration.ofMinutes(5).plusSeconds(60));

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_EXPIRED, jwt);
    }

    @Test
    void acceptedTokenCarriesTheInstantsOfItsClaims() {
        Instant iat = clock.instant().minusSeconds(30);
        String jwt = tokens.token().claim("iat", iat.getEpochSecond()).sign();

        assertThat(validator.validate(jwt).issuedAt()).contains(iat);
    }
}
