package io.fhirguard.token;

import static io.fhirguard.testing.TokenAssertions.assertInvalidToken;
import static io.fhirguard.testing.TokenFactory.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.testing.Json;
import io.fhirguard.testing.LoopbackAuthServer;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attack catalogue: each forged or malformed token is refused with a specific reason. */
class JwtAttackTest extends JwtTestSupport {
    static final TestKey ATTACKER = TestKey.rsa("attacker");
    static final TestKey EC = TestKey.ec("ec-1", "ES256");

    private String unsigned(String alg) {
        TokenFactory.Builder b = tokens.token().header("alg", alg);
        return b64(b.headerJson()) + "." + b64(b.payloadJson()) + ".";
    }

    @Test
    void algNoneLowerCaseIsRefused() {
        String jwt = unsigned("none");

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_ALGORITHM_NOT_ALLOWED, jwt);

        assertThat(e.description()).contains("alg none");
    }

    @Test
    void algNoneCapitalisedIsRefused() {
        String jwt = unsigned("None");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ALGORITHM_NOT_ALLOWED, jwt);
    }

    @Test
    void algNoneUpperCaseIsRefused() {
        String jwt = unsigned("NONE");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ALGORITHM_NOT_ALLOWED, jwt);
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefusedWhenHsIsNotAllowed() {
        TokenFactory.Builder b = tokens.token().header("alg", "HS256");
        String jwt = TokenFactory.signHmac(b.headerJson(), b.payloadJson(),
                KEY.publicPem().getBytes(StandardCharsets.US_ASCII), "HS256");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ALGORITHM_NOT_ALLOWED, jwt);
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefusedEvenWhenHsIsAllowed() {
        byte[] secret = "a-real-shared-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII);
        use(config(issuer().algorithms("RS256", "HS256").hmacSecret(secret).build()).build());
        TokenFactory.Builder b = tokens.token().header("alg", "HS256");
        String jwt = TokenFactory.signHmac(b.headerJson(), b.payloadJson(),
                KEY.publicPem().getBytes(StandardCharsets.US_ASCII), "HS256");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void kidWithPathTraversalIsOnlyALookupKey() {
        String jwt = tokens.token().header("kid", "../../../../etc/passwd").sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);
    }

    @Test
    void kidWithSqlTextIsOnlyALookupKey() {
        String jwt = tokens.token().header("kid", "x' UNION SELECT 'secret' --").sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);
    }

    @Test
    void kidWithUrlTextIsNeverFetched() {
        try (LoopbackAuthServer attacker = LoopbackAuthServer.start()) {
            attacker.keys(ATTACKER);
            String jwt = tokens.token().signedBy(ATTACKER)
                    .header("kid", attacker.jwksUri().toString()).sign();

            assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);

            assertThat(attacker.requests("/jwks")).isZero();
        }
    }

    @Test
    void jkuPointingAtAnAttackerKeySetIsIgnored() {
        try (LoopbackAuthServer attacker = LoopbackAuthServer.start()) {
            attacker.keys(ATTACKER);
            String jwt = tokens.token().signedBy(ATTACKER)
                    .header("jku", attacker.jwksUri().toString()).sign();

            assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);

            assertThat(attacker.requests("/jwks")).isZero();
        }
    }

    @Test
    void x5uPointingAtAnAttackerIsIgnored() {
        try (LoopbackAuthServer attacker = LoopbackAuthServer.start()) {
            String jwt = tokens.token().signedBy(ATTACKER).header("kid", KEY.kid())
                    .header("x5u", attacker.issuer() + "/cert.pem").sign();

            assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);

            assertThat(attacker.requests("/cert.pem")).isZero();
        }
    }

    @Test
    void embeddedJwkOfAnAttackerIsIgnored() {
        String jwt = tokens.token().signedBy(ATTACKER).header("kid", KEY.kid())
                .header("jwk", ATTACKER.publicJwk()).sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void x5cCarryingAnAttackerKeyIsIgnored() {
        String jwt = tokens.token().signedBy(ATTACKER).header("kid", KEY.kid())
                .header("x5c", List.of(Base64.getEncoder().encodeToString(
                        ATTACKER.publicKey().getEncoded()))).sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void unknownCritHeaderIsRefused() {
        String jwt = tokens.token().header("crit", List.of("urn:example:policy"))
                .header("urn:example:policy", "strict").sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_CRITICAL_HEADER, jwt);
    }

    private String withSignature(String jwt, byte[] signature) {
        return jwt.substring(0, jwt.lastIndexOf('.') + 1) + b64(signature);
    }

    @Test
    void ecdsaAllZeroRawSignatureIsRefused() {
        server.keys(KEY, EC);
        String jwt = withSignature(tokens.token().signedBy(EC).sign(), new byte[64]);

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void ecdsaAllZeroDerSignatureIsRefused() {
        server.keys(KEY, EC);
        byte[] der = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
        String jwt = withSignature(tokens.token().signedBy(EC).sign(), der);

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void derEncodedEs256SignatureIsRefused() throws Exception {
        server.keys(KEY, EC);
        TokenFactory.Builder b = tokens.token().signedBy(EC);
        String input = b64(b.headerJson()) + "." + b64(b.payloadJson());
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(EC.privateKey());
        der.update(input.getBytes(StandardCharsets.US_ASCII));
        String jwt = input + "." + b64(der.sign());

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void emptySignatureIsRefused() {
        String valid = tokens.token().sign();
        String jwt = valid.substring(0, valid.lastIndexOf('.') + 1);

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_BAD_SIGNATURE, jwt);

        assertThat(e.description()).isEqualTo("the signature is empty");
    }

    @Test
    void truncatedSignatureIsRefused() {
        String valid = tokens.token().sign();
        String jwt = valid.substring(0, valid.length() - 4);

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void signatureSwappedFromAnotherValidTokenIsRefused() {
        String other = tokens.token().claim("sub", "someone-else").sign();
        String valid = tokens.token().claim("scope", "system/*.cruds").sign();
        String jwt = valid.substring(0, valid.lastIndexOf('.'))
                + other.substring(other.lastIndexOf('.'));

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
    }

    @Test
    void jweWrappingAnUnsignedJwtIsRefused() {
        String inner = unsigned("none");
        String jwt = b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}") + ".."
                + b64(new byte[12]) + "." + b64(inner) + "." + b64(new byte[16]);

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ENCRYPTED, jwt);
    }

    @Test
    void encryptionHeaderInAThreePartTokenIsRefused() {
        String jwt = tokens.token().header("enc", "A128GCM").sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ENCRYPTED, jwt);
    }

    @Test
    void oneMebibyteTokenIsRefusedBeforeDecoding() {
        String valid = tokens.token().sign();
        String jwt = valid + "A".repeat((1 << 20) - valid.length());

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_TOO_LARGE, jwt);

        assertThat(server.requests("/jwks")).isZero();
    }

    @Test
    void hundredThousandDeepJsonNestingIsRefused() {
        use(config(issuer().build()).maxTokenLength(1 << 20).build());
        String payload = "{\"iss\":" + Json.write(server.issuer()) + ",\"x\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String jwt = TokenFactory.signRaw(tokens.token().headerJson(), payload, KEY, "RS256");

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_MALFORMED, jwt);

        assertThat(e.description()).isEqualTo("the payload is JSON nested too deep");
    }

    @Test
    void duplicateClaimNamesAreRefused() {
        String payload = tokens.token().payloadJson().replaceFirst("\\{",
                "{\"sub\":\"admin\",");
        String jwt = TokenFactory.signRaw(tokens.token().headerJson(), payload, KEY, "RS256");

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_MALFORMED, jwt);

        assertThat(e.description()).isEqualTo("the payload is duplicate JSON member");
    }

    @Test
    void duplicateHeaderMembersAreRefused() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"key-1\",\"alg\":\"none\"}";
        String jwt = TokenFactory.signRaw(header, tokens.token().payloadJson(), KEY, "RS256");

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_MALFORMED, jwt);
    }

    @Test
    void nonBase64UrlCharactersAreRefused() {
        String valid = tokens.token().sign();
        int dot = valid.indexOf('.');
        String jwt = valid.substring(0, dot + 3) + "+/" + valid.substring(dot + 5);

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_MALFORMED, jwt);

        assertThat(e.description()).contains("part 2 is not unpadded base64url");
    }

    @Test
    void base64PaddingIsRefused() {
        String valid = tokens.token().sign();
        int dot = valid.indexOf('.');
        String jwt = valid.substring(0, dot) + "==" + valid.substring(dot);

        FhirGuardException e = assertInvalidToken(() -> validator.validate(jwt),
                Reason.TOKEN_MALFORMED, jwt);

        assertThat(e.description()).contains("part 1 is not unpadded base64url");
    }

    @Test
    void wrongNumberOfPartsIsRefused() {
        String jwt = "abc.def";

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_MALFORMED, jwt);
    }

    @Test
    void tokenSignedByAnotherConfiguredIssuersKeyIsRefused() {
        TestKey otherKey = TestKey.ec("other-1", "ES256");
        try (LoopbackAuthServer other = LoopbackAuthServer.start()) {
            other.keys(otherKey);
            use(config(issuer().build(), TrustedIssuer.builder(other.issuer()).audiences(AUD)
                    .jwksUri(other.jwksUri()).build()).build());
            String jwt = tokens.token().signedBy(otherKey).sign();

            assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_UNKNOWN_KEY, jwt);

            assertThat(other.requests("/jwks")).isZero();
        }
    }

    @Test
    void tokenSignedByAnotherIssuersKeyUnderThisIssuersKidIsRefused() {
        TestKey otherKey = TestKey.rsa("other-1");
        try (LoopbackAuthServer other = LoopbackAuthServer.start()) {
            other.keys(otherKey);
            use(config(issuer().build(), TrustedIssuer.builder(other.issuer()).audiences(AUD)
                    .jwksUri(other.jwksUri()).build()).build());
            String jwt = tokens.token().signedBy(otherKey).header("kid", KEY.kid()).sign();

            assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_BAD_SIGNATURE, jwt);
        }
    }

    @Test
    void algorithmOutsideTheIssuersListIsRefused() {
        use(config(issuer().algorithms("ES256").build()).build());
        String jwt = tokens.token().sign();

        assertInvalidToken(() -> validator.validate(jwt), Reason.TOKEN_ALGORITHM_NOT_ALLOWED, jwt);
    }
}
