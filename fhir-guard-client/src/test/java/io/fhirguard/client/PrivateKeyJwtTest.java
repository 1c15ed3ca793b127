package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrivateKeyJwtTest {
    private final MockServer mock = new MockServer();

    @AfterEach
    void stop() {
        mock.close();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ecP384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    private String assertionSentWith(SigningKey key, AssertionAudience audience,
            SteppedClock clock) {
        PrivateKeyJwtConfig config = PrivateKeyJwtConfig.builder().clientId("backend-svc")
                .signingKey(key).audience(audience).clock(clock).build();
        ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
                .metadata(mock.metadata())
                .authentication(ClientAuthentication.privateKeyJwt(config))
                .http(mock.http())
                .build();
        mock.drain();
        source.token();
        RecordedRequest request = mock.tokenRequests().get(0);
        Map<String, String> form = io.fhirguard.client.internal.Forms.decode(
                request.getBody().readUtf8());
        assertThat(form).containsEntry("client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        return form.get("client_assertion");
    }

    private static JwtClaims verify(String assertion, PublicKey key, String alg, String aud,
            Instant now) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .setExpectedAudience(aud)
                .setExpectedIssuer("backend-svc")
                .setExpectedSubject("backend-svc")
                .setRequireJwtId()
                .setRequireExpirationTime()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()))
                .build();
        return consumer.processToClaims(assertion);
    }

    @Test
    void rs384AssertionReceivedByTheServerVerifiesWithThePublicKeyAndHasSmartClaims()
            throws Exception {
        KeyPair pair = rsa();
        RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey)
                pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        jwk.setKeyId("rsa-1");
        SteppedClock clock = SteppedClock.startingNow();
        SigningKey key = SigningKey.fromJwk(jwk.toJson(
                org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));

        String assertion = assertionSentWith(key, AssertionAudience.TOKEN_ENDPOINT, clock);
        JwtClaims claims = verify(assertion, pair.getPublic(), "RS384",
                mock.metadata().tokenEndpoint().toString(), clock.instant());
        JsonWebSignature header = (JsonWebSignature) new JwtConsumerBuilder()
                .setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build()
                .process(assertion).getJoseObjects().get(0);

        assertThat(header.getKeyIdHeaderValue()).isEqualTo("rsa-1");
        assertThat(header.getAlgorithmHeaderValue()).isEqualTo("RS384");
        assertThat(claims.getExpirationTime().getValue() - clock.instant().getEpochSecond())
                .isPositive().isLessThanOrEqualTo(300);
        assertThat(claims.getJwtId()).hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void es384PemKeySignsAnAssertionAddressedToTheIssuerWhenConfigured() throws Exception {
        KeyPair pair = ecP384();
        // Test fixture: a PEM wrapped around a key generated just above; no key is committed.
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        SteppedClock clock = SteppedClock.startingNow();

        String assertion = assertionSentWith(SigningKey.fromPem(pem, "ec-1"),
                AssertionAudience.ISSUER, clock);
        JwtClaims claims = verify(assertion, pair.getPublic(), "ES384",
                mock.issuer().toString(), clock.instant());

        assertThat(claims.getAudience()).containsExactly(mock.issuer().toString());
    }

    @Test
    void everyTokenRequestCarriesAFreshJti() throws Exception {
        KeyPair pair = rsa();
        SigningKey key = SigningKey.of(pair.getPrivate(), "rsa-2");
        SteppedClock clock = SteppedClock.startingNow();

        String first = assertionSentWith(key, AssertionAudience.TOKEN_ENDPOINT, clock);
        String second = assertionSentWith(key, AssertionAudience.TOKEN_ENDPOINT, clock);
        JwtContext a = noCheck(first);
        JwtContext b = noCheck(second);

        assertThat(a.getJwtClaims().getJwtId()).isNotEqualTo(b.getJwtClaims().getJwtId());
    }

    @Test
    void keystoreEntrySignsAnAssertionTheServerAccepts(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("client.p12");
        // keytool is the JDK's own way to make a key entry with the certificate PKCS12 needs.
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty(
                "java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "client",
                "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=client",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit",
                "-validity", "1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        SigningKey key = SigningKey.fromKeyStore(store, "client", "changeit".toCharArray(),
                "ks-1");
        SteppedClock clock = SteppedClock.startingNow();

        String assertion = assertionSentWith(key, AssertionAudience.TOKEN_ENDPOINT, clock);
        JwtClaims claims = verify(assertion, store.getCertificate("client").getPublicKey(),
                "ES384", mock.metadata().tokenEndpoint().toString(), clock.instant());

        assertThat(key.algorithm()).isEqualTo("ES384");
        assertThat(claims.getSubject()).isEqualTo("backend-svc");
    }

    @Test
    void ecKeyOffP384IsRefusedWhenLoaded() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));

        assertThatThrownBy(() -> SigningKey.of(generator.generateKeyPair().getPrivate(), "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EC key is not on P-384; only ES384 is supported for EC keys");
    }

    @Test
    void lifetimeOverFiveMinutesIsRefused() throws Exception {
        SigningKey key = SigningKey.of(rsa().getPrivate(), "k");

        assertThatThrownBy(() -> PrivateKeyJwtConfig.builder().clientId("c").signingKey(key)
                .lifetime(java.time.Duration.ofMinutes(6)).build())
                .hasMessage("Invalid PrivateKeyJwtConfig: lifetime is PT6M; allowed 10 seconds "
                        + "to 5 minutes (SMART Backend Services)");
    }

    @Test
    void toStringShowsKidButNotTheKey() throws Exception {
        KeyPair pair = rsa();
        SigningKey key = SigningKey.of(pair.getPrivate(), "rsa-3");

        assertThat(key.toString()).isEqualTo("SigningKey[kid=rsa-3, alg=RS384, key=****]");
    }

    private static JwtContext noCheck(String jwt) throws Exception {
        return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().process(jwt);
    }
}
