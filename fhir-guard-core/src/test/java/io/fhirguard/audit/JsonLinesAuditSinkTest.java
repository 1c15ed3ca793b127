package io.fhirguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {
    @TempDir
    Path dir;

    private MockOAuth2Server authServer;

    @BeforeEach
    void startAuthorizationServer() throws IOException {
        authServer = new MockOAuth2Server();
        authServer.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopAuthorizationServer() {
        authServer.shutdown();
    }

    private SignedJWT realToken() {
        return authServer.issueToken("ehr", "user-7", "fhir-api", Map.of("client_id", "chart-app",
                "fhirUser", "Practitioner/42", "patient", "123"));
    }

    private static AccessToken accessToken(SignedJWT jwt) throws Exception {
        return AccessToken.builder(CredentialKind.JWT, sha256(jwt.serialize()))
                .issuer(jwt.getJWTClaimsSet().getIssuer())
                .subject(jwt.getJWTClaimsSet().getSubject())
                .clientId(jwt.getJWTClaimsSet().getStringClaim("client_id"))
                .fhirUser(jwt.getJWTClaimsSet().getStringClaim("fhirUser"))
                .jti(jwt.getJWTClaimsSet().getJWTID())
                .claims(jwt.getJWTClaimsSet().getClaims())
                .build();
    }

    @Test
    void eachEventIsOneJsonObjectOnItsOwnLine() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder().logger(false).file(file)
                .build()) {
            sink.record(AuditFixtures.permittedSearch());
            sink.record(AuditFixtures.deniedRead("ev-2"));
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));

        assertThat(lines).hasSize(2);
        assertThat(first.get("id").asText()).isEqualTo("ev-1");
        assertThat(first.get("time").asText()).isEqualTo("2026-01-15T12:00:00Z");
        assertThat(first.get("action").asText()).isEqualTo("E");
        assertThat(first.get("interaction").asText()).isEqualTo("search-type");
        assertThat(first.get("queryParameterNames").toString())
                .isEqualTo("[\"patient\",\"code:text\"]");
        assertThat(first.has("queryParameters")).isFalse();
        assertThat(first.get("agent").get("jti").asText()).isEqualTo("jti-1");
        assertThat(first.get("latencyMs").asLong()).isEqualTo(42);
        assertThat(first.get("entriesRemoved").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("reason").asText())
                .isEqualTo("rate-limited");
    }

    @Test
    void newAuditFileIsReadableByItsOwnerOnly() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = dir.resolve("private.jsonl");

        try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder().logger(false).file(file)
                .build()) {
            sink.record(AuditFixtures.permittedSearch());
        }

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void outputToFileAndLoggerHoldsNoTokenText() throws Exception {
        SignedJWT jwt = realToken();
        String raw = jwt.serialize();
        Path file = dir.resolve("audit.jsonl");
        AuditEvent event = AuditEvent.builder(AuditFixtures.NOON, AuditDecision.DENY)
                .request(FhirRequest.builder("GET", Interaction.SEARCH_TYPE)
                        .resourceType("Patient")
                        .parameters(QueryParameters.of(List.of(
                                new QueryParameter("access_token", raw))))
                        .build(), QueryValuePolicy.NAMES_AND_VALUES)
                .agent(AuditAgent.of(accessToken(jwt)))
                .userAgent("probe Authorization: Bearer " + raw)
                .requestId(raw)
                .reason(Reason.RATE_LIMITED)
                .build();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();

        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.builder().file(file).build()) {
            sink.record(event);
        } finally {
            System.setErr(originalErr);
        }

        String written = Files.readString(file, StandardCharsets.UTF_8);
        String log = logged.toString(StandardCharsets.UTF_8);
        String signature = raw.substring(raw.lastIndexOf('.') + 1);
        assertThat(log).contains("fhirguard.audit").contains(event.id());
        for (String output : List.of(written, log)) {
            assertThat(output).doesNotContain(raw).doesNotContain(signature)
                    .doesNotContain(raw.substring(0, raw.indexOf('.')))
                    .contains(jwt.getJWTClaimsSet().getJWTID())
                    .contains(sha256(raw));
        }
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
