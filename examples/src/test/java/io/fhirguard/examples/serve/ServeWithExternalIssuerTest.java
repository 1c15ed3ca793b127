package io.fhirguard.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.demo.DemoHttp;
import io.fhirguard.examples.demo.Exchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts {@code serve} with an external issuer given through the FHIRGUARD_* variables (as a map,
 * not the real environment); the issuer's JWKS is served by this test on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeWithExternalIssuerTest {
    private static final String AUDIENCE = "https://fhir.example.test/fhir";
    private static final String PATIENT = "b4a36fff-6981-496a-a0d3-b274dd4b363a";

    private HttpServer jwksServer;
    private SecuredServer server;
    private RsaJsonWebKey issuerKey;
    private String issuer;

    @BeforeAll
    void start() throws Exception {
        issuerKey = RsaJwkGenerator.generateJwk(2048);
        issuerKey.setKeyId("issuer-key-1");
        String jwks = new JsonWebKeySet(issuerKey)
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                0), 0);
        jwksServer.createContext("/issuer/jwks", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        issuer = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/issuer";

        server = SecuredServer.start(ExampleSettings.from(Map.of(
                ExampleSettings.PORT, "0",
                ExampleSettings.ISSUER, issuer,
                ExampleSettings.JWKS_URI, issuer + "/jwks",
                ExampleSettings.AUDIENCE, AUDIENCE,
                ExampleSettings.AUDIT_FILE,
                Files.createTempFile("serve-test-audit-", ".jsonl").toString())));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        jwksServer.stop(0);
    }

    @Test
    void noEmbeddedAuthorizationServerStartsWhenAnIssuerIsConfigured() {
        assertThat(server.authorizationServer()).isEmpty();
    }

    @Test
    void tokenSignedByTheConfiguredIssuersKeyIsAccepted() throws Exception {
        Exchange response = search(sign(issuerKey));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameKidIsRefusedWith401() throws Exception {
        RsaJsonWebKey otherKey = RsaJwkGenerator.generateJwk(2048);
        otherKey.setKeyId(issuerKey.getKeyId());

        Exchange response = search(sign(otherKey));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate").orElse(""))
                .contains("error=\"invalid_token\"");
    }

    private Exchange search(String token) {
        return DemoHttp.api().get(URI.create(server.fhirBase() + "/Observation?patient=" + PATIENT
                + "&_count=1"), token);
    }

    private String sign(RsaJsonWebKey key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject("external-client");
        claims.setClaim("client_id", "external-client");
        claims.setClaim("scope", "system/Observation.read");
        claims.setJwtId(UUID.randomUUID().toString());
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
