package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token attack catalogue over HTTP against the secured server. Every refusal is checked
 * for its status, its {@code WWW-Authenticate} challenge, its OperationOutcome reason code, and
 * for HAPI having received nothing. An attacker's own key server runs on loopback too, to
 * prove that {@code jku} and {@code x5u} are never followed.
 */
@ExtendWith(LeakWatch.class)
class TokenAttackTest {
    private static final Instant NOW = Instant.now();

    private static Target target;
    private static LoopbackAuthServer attacker;
    private static TestKey attackerKey;

    @BeforeAll
    static void start() throws Exception {
        // Many refusals from one address: lift the per-address limit, tested elsewhere.
        target = Target.start(Clock.systemUTC(), s -> s.unauthenticatedRateLimit(100_000),
                f -> { });
        attacker = LoopbackAuthServer.start();
        attackerKey = TestKey.rsa(target.key().kid());
        Secrets.registerKey(attackerKey);
        attacker.keys(attackerKey);
    }

    @AfterAll
    static void stop() throws Exception {
        attacker.close();
        target.close();
    }

    @Test
    void validTokenIsServedSoTheRefusalsBelowAreMeaningful() {
        Http.Response r = target.get("Patient/" + A, target.tokenForA());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(A);
    }

    @Test
    void missingTokenGetsPlainChallenge() {
        Http.Response r = send(Http.get(target.url("Patient/" + A)));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"fhir\"").doesNotContain("error="));
        assertThat(r.body()).contains("OperationOutcome").contains("token-missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokenIsRefused(String alg) {
        TokenFactory.Builder b = target.patientA().header("alg", alg);
        String token = Secrets.token(TokenFactory.b64(b.headerJson()) + "."
                + TokenFactory.b64(b.payloadJson()) + ".");

        assertInvalidToken(token, "token-algorithm-not-allowed");
    }

    @Test
    void unsignedTokenWithForgedSignatureIsRefused() {
        TokenFactory.Builder b = target.patientA().header("alg", "none");
        String token = Secrets.token(TokenFactory.b64(b.headerJson()) + "."
                + TokenFactory.b64(b.payloadJson()) + "." + TokenFactory.b64("signature"));

        assertInvalidToken(token, "token-algorithm-not-allowed");
    }

    @Test
    void missingAlgIsRefused() {
        TokenFactory.Builder b = target.patientA().without("alg");
        assertInvalidToken(Secrets.token(TokenFactory.signRaw(b.headerJson(), b.payloadJson(),
                target.key(), "RS256")), "token-algorithm-not-allowed");
    }

    @Test
    void hs256SignedWithThePublicKeyPemIsRefused() {
        TokenFactory.Builder b = target.patientA().header("alg", "HS256");
        String token = Secrets.token(TokenFactory.signHmac(b.headerJson(), b.payloadJson(),
                target.key().publicPem().getBytes(StandardCharsets.US_ASCII), "HS256"));

        assertInvalidToken(token, "token-algorithm-not-allowed");
    }

    @Test
    void hs256SignedWithThePublicKeyDerIsRefused() {
        TokenFactory.Builder b = target.patientA().header("alg", "HS256");
        String token = Secrets.token(TokenFactory.signHmac(b.headerJson(), b.payloadJson(),
                target.key().publicKey().getEncoded(), "HS256"));

        assertInvalidToken(token, "token-algorithm-not-allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-key", "../../../../dev/null", "' OR '1'='1", "",
        "attack-key-1\u0000", "http://127.0.0.1:1/jwks"})
    void trickKidIsRefused(String kid) {
        assertInvalidToken(target.issue(target.patientA().header("kid", kid)),
                "token-unknown-key");
    }

    @Test
    void nonStringKidIsRefused() {
        assertInvalidToken(target.issue(target.patientA().header("kid", 1)), "token-malformed");
    }

    @Test
    void jkuToTheAttackersKeysIsNeverFollowed() {
        String token = target.issue(target.patientA().signedBy(attackerKey)
                .header("jku", attacker.jwksUri().toString()));

        assertInvalidToken(token, "token-bad-signature");
        assertThat(attacker.requests("/jwks")).isZero();
    }

    @Test
    void x5uToTheAttackersKeysIsNeverFollowed() {
        String token = target.issue(target.patientA().signedBy(attackerKey)
                .header("x5u", attacker.issuer() + "/cert.pem"));

        assertInvalidToken(token, "token-bad-signature");
        assertThat(attacker.requests("/cert.pem")).isZero();
    }

    @Test
    void embeddedJwkOfTheAttackerIsIgnored() {
        String token = target.issue(target.patientA().signedBy(attackerKey)
                .header("jwk", attackerKey.publicJwk()));

        assertInvalidToken(token, "token-bad-signature");
    }

    @Test
    void embeddedX5cOfTheAttackerIsIgnored() {
        String der = Base64.getEncoder().encodeToString(attackerKey.publicKey().getEncoded());
        String token = target.issue(target.patientA().signedBy(attackerKey)
                .header("x5c", List.of(der)));

        assertInvalidToken(token, "token-bad-signature");
    }

    @Test
    void unknownCriticalHeaderIsRefused() {
        assertInvalidToken(target.issue(target.patientA().header("crit", List.of("exp-ext"))
                .header("exp-ext", true)), "token-critical-header");
    }

    @Test
    void emptySignatureIsRefused() {
        String valid = target.tokenForA();
        assertInvalidToken(Secrets.token(valid.substring(0, valid.lastIndexOf('.') + 1)),
                "token-bad-signature");
    }

    @Test
    void truncatedSignatureIsRefused() {
        String valid = target.tokenForA();
        assertInvalidToken(Secrets.token(valid.substring(0, valid.length() - 8)),
                "token-bad-signature");
    }

    @Test
    void zeroSignatureOfTheRightLengthIsRefused() {
        String valid = target.tokenForA();
        String zeros = TokenFactory.b64(new byte[256]);
        assertInvalidToken(Secrets.token(valid.substring(0, valid.lastIndexOf('.') + 1) + zeros),
                "token-bad-signature");
    }

    @Test
    void signatureSwappedFromAnotherValidTokenIsRefused() {
        String mine = target.tokenForA();
        String other = target.issue(target.token().claim("scope", "system/*.rs"));
        String swapped = mine.substring(0, mine.lastIndexOf('.'))
                + other.substring(other.lastIndexOf('.'));

        assertInvalidToken(Secrets.token(swapped), "token-bad-signature");
    }

    @Test
    void payloadSwappedUnderAValidSignatureIsRefused() {
        String mine = target.tokenForA();
        String[] parts = mine.split("\\.");
        String elevated = TokenFactory.b64(target.token().claim("scope", "system/*.cruds")
                .payloadJson());

        assertInvalidToken(Secrets.token(parts[0] + "." + elevated + "." + parts[2]),
                "token-bad-signature");
    }

    @Test
    void signatureOfTheAttackersKeyUnderTheTrustedKidIsRefused() {
        assertInvalidToken(target.issue(target.patientA().signedBy(attackerKey)),
                "token-bad-signature");
    }

    @Test
    void expiredTokenIsRefused() {
        assertInvalidToken(target.issue(target.patientA()
                .claim("iat", NOW.minusSeconds(7200).getEpochSecond())
                .claim("exp", NOW.minusSeconds(3600).getEpochSecond())), "token-expired");
    }

    @Test
    void tokenNotYetValidIsRefused() {
        assertInvalidToken(target.issue(target.patientA()
                .claim("nbf", NOW.plusSeconds(3600).getEpochSecond())), "token-not-yet-valid");
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() {
        assertInvalidToken(target.issue(target.patientA()
                .claim("iat", NOW.plusSeconds(3600).getEpochSecond())
                .claim("exp", NOW.plusSeconds(7200).getEpochSecond())),
                "token-issued-in-future");
    }

    @Test
    void tokenWithoutExpIsRefused() {
        assertInvalidToken(target.issue(target.patientA().without("exp")), "token-claim-missing");
    }

    @Test
    void expAsTextIsRefused() {
        assertInvalidToken(target.issue(target.patientA().claim("exp", "never")),
                "token-claim-invalid");
    }

    @Test
    void wrongIssuerIsRefused() {
        assertInvalidToken(target.issue(target.patientA().claim("iss", attacker.issuer())),
                "token-untrusted-issuer");
    }

    @Test
    void issuerWithTrailingSlashIsRefused() {
        assertInvalidToken(target.issue(target.patientA().claim("iss",
                target.keys().issuer() + "/")), "token-untrusted-issuer");
    }

    @Test
    void missingIssuerIsRefused() {
        assertInvalidToken(target.issue(target.patientA().without("iss")),
                "token-untrusted-issuer");
    }

    @Test
    void tokenOfTheAttackersIssuerAndKeyIsRefusedWithoutCallingIt() {
        String token = target.issue(target.patientA().signedBy(attackerKey)
                .claim("iss", attacker.issuer()));

        assertInvalidToken(token, "token-untrusted-issuer");
        assertThat(attacker.requests("/jwks")).isZero();
        assertThat(attacker.requests("/.well-known/openid-configuration")).isZero();
    }

    @Test
    void wrongAudienceIsRefused() {
        assertInvalidToken(target.issue(target.patientA().claim("aud", "https://evil.test")),
                "token-audience-mismatch");
    }

    @Test
    void tokenForAnotherApiOfTheSameIssuerIsRefused() {
        assertInvalidToken(target.issue(target.patientA().claim("aud",
                List.of("https://billing.attack.test", "https://lab.attack.test"))),
                "token-audience-mismatch");
    }

    @Test
    void missingAudienceIsRefused() {
        assertInvalidToken(target.issue(target.patientA().without("aud")),
                "token-audience-mismatch");
    }

    @Test
    void idTokenPresentedAsAccessTokenIsRefused() {
        String idToken = target.issue(target.token().header("typ", "JWT")
                .claim("aud", "app-1").claim("azp", "app-1").without("scope")
                .without("client_id").claim("nonce", UUID.randomUUID().toString())
                .claim("auth_time", NOW.getEpochSecond()).claim("fhirUser", "Patient/" + A));

        assertInvalidToken(idToken, "token-audience-mismatch");
    }

    @Test
    void encryptedTokenIsRefused() {
        String jwe = Secrets.token(TokenFactory.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")
                + "." + TokenFactory.b64(new byte[256]) + "." + TokenFactory.b64(new byte[12])
                + "." + TokenFactory.b64("ciphertext-ciphertext") + "."
                + TokenFactory.b64(new byte[16]));

        assertInvalidToken(jwe, "token-encrypted");
    }

    @Test
    void oneMebibyteTokenIsRefusedBeforeAnyParsing() {
        String huge = Secrets.token("eyJ" + "A".repeat(1 << 20));
        int before = target.received().all().size();

        Integer status;
        try {
            status = send(Http.get(target.url("Patient/" + A)).bearer(huge)).status();
        } catch (UncheckedIOException closedByServer) {
            status = null;
        }

        assertThat(status).as("refused by Jetty's header limit or the token length limit")
                .isIn(null, 400, 401, 413, 431);
        assertThat(target.received().all()).hasSize(before);
    }

    @Test
    void tokenJustOverTheLengthLimitIsRefused() {
        String padded = target.issue(target.patientA().claim("pad", "x".repeat(6200)));

        assertInvalidToken(padded, "token-too-large");
    }

    @Test
    void deeplyNestedClaimsAreRefused() {
        String nested = "[".repeat(200) + "]".repeat(200);
        TokenFactory.Builder b = target.patientA();
        String payload = b.payloadJson().replaceFirst("\\{", "{\"deep\":" + nested + ",");

        assertInvalidToken(Secrets.token(TokenFactory.signRaw(b.headerJson(), payload,
                target.key(), "RS256")), "token-malformed");
    }

    @Test
    void duplicateClaimsAreRefused() {
        TokenFactory.Builder b = target.patientA();
        String payload = b.payloadJson().replaceFirst("\\{", "{\"patient\":\"someone-else\",");

        assertInvalidToken(Secrets.token(TokenFactory.signRaw(b.headerJson(), payload,
                target.key(), "RS256")), "token-malformed");
    }

    @Test
    void duplicateHeaderMembersAreRefused() {
        TokenFactory.Builder b = target.patientA();
        String header = b.headerJson().replaceFirst("\\{", "{\"alg\":\"none\",");

        assertInvalidToken(Secrets.token(TokenFactory.signRaw(header, b.payloadJson(),
                target.key(), "RS256")), "token-malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/"})
    void standardBase64InsteadOfBase64UrlIsRefused(String character) {
        String valid = target.tokenForA();
        int dot = valid.indexOf('.');
        String bent = valid.substring(0, dot + 5) + character + valid.substring(dot + 6);

        assertInvalidToken(Secrets.token(bent), "token-malformed");
    }

    @Test
    void paddedBase64IsRefused() {
        assertInvalidToken(Secrets.token(target.tokenForA() + "=="), "token-malformed");
    }

    @Test
    void equalsSignInsideTheTokenBreaksTheHeaderGrammar() {
        String valid = target.tokenForA();
        assertInvalidRequest(Http.get(target.url("Patient/" + A)).bearer(valid.replaceFirst(
                "\\.", "=.")), "credential-malformed");
    }

    @Test
    void tokenWithTwoPartsIsRefused() {
        String valid = target.tokenForA();
        assertInvalidToken(Secrets.token(valid.substring(0, valid.lastIndexOf('.'))),
                "token-malformed");
    }

    @Test
    void payloadThatIsNotJsonIsRefused() {
        TokenFactory.Builder b = target.patientA();
        assertInvalidToken(Secrets.token(TokenFactory.signRaw(b.headerJson(),
                "not json at all, sorry", target.key(), "RS256")), "token-malformed");
    }

    @Test
    void revokedTokenReplayedAfterRevocationIsRefused() {
        String jti = UUID.randomUUID().toString();
        String token = target.issue(target.patientA().claim("jti", jti));
        assertThat(target.get("Patient/" + A, token).status()).isEqualTo(200);

        Http.Response revoke = send(Http.method("POST", target.url("fhirguard/revocations"))
                .bearer(target.adminToken()).body("application/json",
                        "{\"jti\":\"" + jti + "\"}"));

        assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
        assertInvalidToken(token, "token-revoked");
    }

    @Test
    void revocationEndpointRefusesATokenWithoutTheAdminScope() {
        Http.Response r = send(Http.method("POST", target.url("fhirguard/revocations"))
                .bearer(target.tokenForA()).body("application/json",
                        "{\"issuedBefore\":\"now\"}"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"insufficient_scope\"").contains(Target.ADMIN_SCOPE));
        assertThat(target.get("Patient/" + A, target.tokenForA()).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "BeArEr"})
    void schemeIsCaseInsensitive(String scheme) {
        Http.Response r = send(Http.get(target.url("Patient/" + A))
                .header("Authorization", scheme + " " + target.tokenForA()));

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void twoSpacesAfterTheSchemeAreRefused() {
        assertInvalidRequest(Http.get(target.url("Patient/" + A))
                .header("Authorization", "Bearer  " + target.tokenForA()),
                "credential-malformed");
    }

    @Test
    void tabAfterTheSchemeIsRefused() {
        Http.Response r = send(Http.get(target.url("Patient/" + A))
                .header("Authorization", "Bearer\t" + target.tokenForA()));

        assertThat(r.status()).isIn(400, 401);
        assertThat(r.body()).contains("OperationOutcome");
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        assertInvalidRequest(Http.get(target.url("Patient/" + A))
                .bearer(target.tokenForA()).bearer(target.adminToken()),
                "credential-duplicated");
    }

    @Test
    void tokenInTheQueryStringIsRefused() {
        assertInvalidRequest(Http.get(target.url("Patient/" + A + "?access_token="
                + target.tokenForA())), "credential-not-in-header");
    }

    @Test
    void tokenInTheQueryStringBesideTheHeaderIsRefused() {
        assertInvalidRequest(Http.get(target.url("Patient/" + A + "?access_token="
                + target.adminToken())).bearer(target.tokenForA()), "credential-duplicated");
    }

    @Test
    void tokenInAFormBodyIsRefused() {
        assertInvalidRequest(Http.method("POST", target.url("Observation/_search"))
                .body("application/x-www-form-urlencoded", "access_token=" + target.tokenForA()
                        + "&patient=" + A), "credential-not-in-header");
    }

    @Test
    void otherSchemeCountsAsNoToken() {
        Http.Response r = send(Http.get(target.url("Patient/" + A))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:admin".getBytes(StandardCharsets.UTF_8))));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("token-missing");
    }

    private static void assertInvalidToken(String token, String reason) {
        int before = target.received().all().size();

        Http.Response r = send(Http.get(target.url("Patient/" + A)).bearer(token));

        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"fhir\"").contains("error=\"invalid_token\"")
                .doesNotContain(token));
        assertThat(r.body()).contains("\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"" + reason + "\"").doesNotContain(token);
        assertThat(target.received().all()).as("requests HAPI received").hasSize(before);
        assertThat(target.auditOf(r).decision().name()).isEqualTo("DENY");
    }

    private static void assertInvalidRequest(Http request, String reason) {
        int before = target.received().all().size();

        Http.Response r = send(request);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"invalid_request\""));
        assertThat(r.body()).contains("OperationOutcome").contains(reason);
        assertThat(target.received().all()).hasSize(before);
    }

    private static Http.Response send(Http request) {
        return request.send();
    }

}
