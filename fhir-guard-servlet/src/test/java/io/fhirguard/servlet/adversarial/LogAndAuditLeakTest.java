package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import io.fhirguard.testing.TestKey;
import io.fhirguard.testing.TokenFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pushes tokens, a client assertion, a client secret and private-key text through every place
 * a request can carry them (header, second header, query, form body, cookie, search value,
 * resource body), accepted and refused, then asserts that none of it appears in any log line
 * captured so far in the suite, in the audit file or in a fhir-guard refusal.
 */
@ExtendWith(LeakWatch.class)
class LogAndAuditLeakTest {

    @Test
    void noCredentialOrKeyTextReachesLogsAuditOrResponses() throws Exception {
        try (Target t = Target.start(Clock.systemUTC(), s -> s.unauthenticatedRateLimit(10_000),
                f -> { })) {
            TestKey other = TestKey.rsa("client-assertion-key");
            Secrets.registerKey(other);
            String valid = t.tokenForA();
            String expired = t.issue(t.patientA().claim("iat", 1_000_000L)
                    .claim("exp", 1_000_060L));
            String forged = t.issue(t.patientA().signedBy(other));
            String assertion = t.issue(t.token().signedBy(other).claim("aud",
                    t.keys().issuer() + "/token").without("scope"));
            String secret = Secrets.token("client-secret-" + Instant.now().toEpochMilli()
                    + "-do-not-log");
            String pem = Base64.getEncoder().encodeToString(t.key().privateKey().getEncoded());

            List<Http.Response> responses = new ArrayList<>();
            for (String token : List.of(valid, expired, forged, assertion, secret)) {
                responses.addAll(sendEverywhere(t, token));
            }
            responses.add(Http.method("POST", t.url("Observation/_search")).bearer(valid)
                    .body("application/x-www-form-urlencoded", "client_assertion_type="
                            + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                            + "&client_assertion=" + assertion + "&client_secret=" + secret)
                    .send());
            responses.add(Http.method("PUT", t.url("Observation?subject=Patient/" + A))
                    .bearer(t.issue(t.patientA().claim("scope", "launch/patient "
                            + "patient/*.cruds"))).body("application/fhir+json",
                            "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{"
                                    + "\"text\":\"" + pem + "\"},\"subject\":{\"reference\":"
                                    + "\"Patient/" + A + "\"}}").send());

            for (Http.Response r : responses) {
                r.header("X-Request-Id").ifPresent(id -> t.audit().await(id));
                // HAPI echoes a request's own URL back to its sender (self links, errors);
                // fhir-guard's refusals must echo nothing.
                if (r.body().contains("https://fhirguard.io/reason")) {
                    Secrets.assertAbsentFrom("a refusal", r.body() + r.raw().headers());
                }
            }
            assertThat(responses).extracting(Http.Response::status).contains(200, 400, 401);
            Secrets.assertAbsentFrom("the audit file", t.auditText());
            Secrets.assertAbsentFrom("the suite's log lines", Secrets.logs());
            assertThat(Secrets.logs()).as("the capture sees fhir-guard's log lines")
                    .contains("fhirguard.audit");
        }
    }

    private static List<Http.Response> sendEverywhere(Target t, String token) {
        String valid = t.tokenForA();
        return List.of(
                Http.get(t.url("Patient/" + A)).bearer(token).send(),
                Http.get(t.url("Patient/" + A)).bearer(valid).bearer(token).send(),
                Http.get(t.url("Patient/" + A + "?access_token=" + token)).send(),
                Http.get(t.url("Observation?code=" + token)).bearer(valid).send(),
                // A parameter name is logged (sanitized, first 40 characters) when refused:
                // a JWT there shows only its header, which is no secret.
                Http.get(t.url("Observation?" + enc(token.startsWith("eyJ") ? token : "x")
                        + "=1")).bearer(valid).send(),
                Http.get(t.url("Patient/" + A)).header("Cookie", "session=" + token)
                        .bearer(valid).send(),
                Http.get(t.url("Patient/" + A)).header("Authorization", "Bearer  " + token)
                        .send(),
                Http.get(t.url("Patient/" + A)).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(("app:" + token)
                                .getBytes(StandardCharsets.UTF_8))).send(),
                Http.method("POST", t.url("Observation/_search")).body(
                        "application/x-www-form-urlencoded", "access_token=" + token).send(),
                Http.get(t.url("Patient/" + A + "/" + TokenFactory.b64(token))).bearer(valid)
                        .send());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
