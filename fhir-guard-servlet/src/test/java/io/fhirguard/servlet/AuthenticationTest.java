package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.AuthorizationServer;
import io.fhirguard.token.ApiKeyConfig;
import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The credential and token steps of the pipeline, end to end over HTTP. */
class AuthenticationTest {
    private static GuardedFhir stack;

    private static final String API_KEY = "k3y-for-the-nightly-export-job";

    @BeforeAll
    static void start() throws Exception {
        stack = GuardedFhir.start(s -> s, f -> f.apiKeys(ApiKeyConfig.builder()
                .key(ApiKeyConfig.sha256Hex(API_KEY), "export-job", "system/Patient.rs")
                .build()), java.util.List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Http patientRead() {
        return Http.get(stack.url("Patient/" + FABIAN));
    }

    @Test
    void missingTokenGets401WithBareChallenge() {
        Http.Response r = patientRead().send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer realm=\"fhir\"");
        assertThat(r.header("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(r.body()).contains("\"resourceType\":\"OperationOutcome\"")
                .contains("token-missing").contains("\"code\":\"login\"");
    }

    @Test
    void basicAuthorizationGets401WithBareChallenge() {
        Http.Response r = patientRead().header("Authorization", "Basic dXNlcjpwYXNz").send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer realm=\"fhir\"");
    }

    @Test
    void bearerWithTwoTokensGets400InvalidRequest() {
        Http.Response r = patientRead().header("Authorization", "Bearer abc def").send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"fhir\", error=\"invalid_request\"")
                .contains("error_description=\""));
        assertThat(r.body()).contains("credential-malformed");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Http.Response r = patientRead()
                .header("Authorization", "bEaReR " + stack.patientToken(FABIAN)).send();

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void twoAuthorizationHeadersGet400InvalidRequest() {
        String token = stack.patientToken(FABIAN);

        Http.Response r = patientRead().bearer(token).bearer(token).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_request\""));
        assertThat(r.body()).contains("credential-duplicated");
    }

    @Test
    void tokenInHeaderAndQueryGets400InvalidRequest() {
        String token = stack.patientToken(FABIAN);

        Http.Response r = Http.get(stack.url("Patient/" + FABIAN + "?access_token=" + token))
                .bearer(token).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("credential-duplicated");
    }

    @Test
    void tokenInQueryAloneGets400AndIsNotAccepted() {
        String token = stack.patientToken(FABIAN);

        Http.Response r = Http.get(stack.url("Patient/" + FABIAN + "?access_token=" + token))
                .send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("credential-not-in-header");
    }

    @Test
    void expiredTokenGets401InvalidToken() {
        String token = stack.auth().token("someone").patient(FABIAN)
                .scope("patient/Patient.rs").lifetime(-600).issue();

        Http.Response r = patientRead().bearer(token).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"fhir\", error=\"invalid_token\"")
                .contains("error_description=\""));
        assertThat(r.body()).contains("token-expired").contains("\"code\":\"expired\"");
    }

    @Test
    void wrongAudienceGets401InvalidToken() {
        String token = stack.auth().token("someone").patient(FABIAN)
                .scope("patient/Patient.rs").audience("https://other.example.test").issue();

        Http.Response r = patientRead().bearer(token).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("token-audience-mismatch");
    }

    @Test
    void tamperedSignatureGets401InvalidToken() {
        String token = stack.patientToken(FABIAN);
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        Http.Response r = patientRead().bearer(forged).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_token\""));
    }

    @Test
    void validTokenReadsOwnPatientAndServerSeesPrincipal() {
        Http.Response r = patientRead().bearer(stack.patientToken(FABIAN)).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(FABIAN);
        assertThat(stack.fhir().received().last().principal())
                .isEqualTo("user-" + FABIAN.substring(0, 8));
    }

    @Test
    void serverSeesRolesAndTokenAttributes() {
        String token = stack.auth().token("dr-who").patient(FABIAN)
                .scope("patient/Patient.rs").claim("roles", java.util.List.of("clinician"))
                .issue();

        Http.Response r = patientRead().bearer(token).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().roles()).containsExactly("clinician");
        assertThat(stack.fhir().received().last().attributes())
                .contains(FhirGuardFilter.ACCESS_TOKEN_ATTRIBUTE,
                        FhirGuardFilter.ACCESS_DECISION_ATTRIBUTE);
    }

    @Test
    void apiKeyInItsHeaderIsAccepted() {
        Http.Response r = patientRead().header("X-API-Key", API_KEY).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(stack.fhir().received().last().principal()).isEqualTo("export-job");
    }

    @Test
    void unknownApiKeyGets401() {
        Http.Response r = patientRead().header("X-API-Key", "guessed").send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("token-unknown-api-key");
    }

    @Test
    void apiKeyAndBearerTokenTogetherGet400() {
        Http.Response r = patientRead().header("X-API-Key", API_KEY)
                .bearer(stack.patientToken(FABIAN)).send();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("credential-duplicated");
    }

    @Test
    void tokenOfUnknownIssuerGets401() throws Exception {
        try (AuthorizationServer other = new AuthorizationServer()) {
            String token = other.token("x").patient(FABIAN).scope("patient/Patient.rs").issue();

            Http.Response r = patientRead().bearer(token).send();

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("token-");
        }
    }
}
