package io.fhirguard.servlet;

import static io.fhirguard.servlet.support.SyntheaData.FABIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.GuardedFhir;
import io.fhirguard.servlet.support.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional admin revocation endpoint. */
class RevocationEndpointTest {
    private static final String ADMIN_SCOPE = "system/fhirguard.admin";

    private static GuardedFhir withEndpoint() throws Exception {
        return GuardedFhir.start(s -> s.revocationEndpointEnabled(true)
                .revocationAdminScope(ADMIN_SCOPE), f -> { }, List.of());
    }

    private static String admin(GuardedFhir stack) {
        return stack.auth().token("security-officer").scope(ADMIN_SCOPE).issue();
    }

    private static Http.Response revoke(GuardedFhir stack, String token, String json) {
        return Http.method("POST", stack.url("fhirguard/revocations")).bearer(token)
                .body("application/json", json).send();
    }

    @Test
    void endpointIsOffByDefault() throws Exception {
        try (GuardedFhir stack = GuardedFhir.start()) {
            Http.Response r = revoke(stack, stack.patientToken(FABIAN), "{\"subject\":\"x\"}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("revoked");
        }
    }

    @Test
    void revokingASubjectRefusesItsTokens() throws Exception {
        try (GuardedFhir stack = withEndpoint()) {
            String user = stack.patientToken(FABIAN);
            assertThat(Http.get(stack.url("Patient/" + FABIAN)).bearer(user).send().status())
                    .isEqualTo(200);

            Http.Response r = revoke(stack, admin(stack),
                    "{\"subject\":\"user-" + FABIAN.substring(0, 8) + "\"}");

            assertThat(r.status()).isEqualTo(200);
            Http.Response after = Http.get(stack.url("Patient/" + FABIAN)).bearer(user).send();
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.body()).contains("token-revoked");
        }
    }

    @Test
    void revokingEverythingIssuedBeforeNowRefusesOldTokens() throws Exception {
        try (GuardedFhir stack = withEndpoint()) {
            String user = stack.patientToken(FABIAN);

            Http.Response r = revoke(stack, admin(stack), "{\"issuedBefore\":\"now\"}");

            assertThat(r.status()).isEqualTo(200);
            assertThat(Http.get(stack.url("Patient/" + FABIAN)).bearer(user).send().status())
                    .isEqualTo(401);
        }
    }

    @Test
    void tokenWithoutAdminScopeGets403WithTheScope() throws Exception {
        try (GuardedFhir stack = withEndpoint()) {
            Http.Response r = revoke(stack, stack.patientToken(FABIAN), "{\"subject\":\"x\"}");

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                    .contains("error=\"insufficient_scope\"")
                    .contains("scope=\"" + ADMIN_SCOPE + "\""));
        }
    }

    @Test
    void malformedRevocationRequestGets400() throws Exception {
        try (GuardedFhir stack = withEndpoint()) {
            Http.Response r = revoke(stack, admin(stack), "{\"subject\":\"a\",\"clientId\":\"b\"}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("admin-request-invalid");
        }
    }
}
