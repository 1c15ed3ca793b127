package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class BearerTokenInterceptorTest {
    private static final FhirContext FHIR = noServerValidation();
    private static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
            + "\"total\":0}";
    private static final String OUTCOME = "{\"resourceType\":\"OperationOutcome\",\"issue\":"
            + "[{\"severity\":\"error\",\"code\":\"login\"}]}";
    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"1\"}";

    /** The scripted server answers no /metadata probe, so HAPI must not send one. */
    private static FhirContext noServerValidation() {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return context;
    }

    /** Hands out tok-1, tok-2, ... and records what was invalidated. */
    private static final class CountingTokenSource implements TokenSource {
        final AtomicInteger issued = new AtomicInteger();
        final List<String> invalidated = new ArrayList<>();
        private String current;

        @Override
        public synchronized TokenResponse token() {
            if (current == null) {
                current = "tok-" + issued.incrementAndGet();
            }
            return TokenResponse.builder(current, Instant.now()).build();
        }

        @Override
        public synchronized void invalidate(String rejectedAccessToken) {
            invalidated.add(rejectedAccessToken);
            if (rejectedAccessToken.equals(current)) {
                current = null;
            }
        }
    }

    private static IGenericClient client(ScriptedServer fhir, TokenSource tokens) {
        return SecuredFhirClients.create(FHIR, fhir.url("/fhir").toString(), tokens);
    }

    private static Bundle search(IGenericClient client) {
        return client.search().forResource(Patient.class).returnBundle(Bundle.class).execute();
    }

    @Test
    void searchAnswered401IsRetriedOnceWithANewToken() {
        try (ScriptedServer fhir = new ScriptedServer()) {
            fhir.then(401, "application/fhir+json", OUTCOME)
                    .then(200, "application/fhir+json", BUNDLE);
            CountingTokenSource tokens = new CountingTokenSource();

            Bundle bundle = search(client(fhir, tokens));

            assertThat(bundle.getTotal()).isZero();
            assertThat(fhir.received).extracting(ScriptedServer.Received::authorization)
                    .containsExactly("Bearer tok-1", "Bearer tok-2");
            assertThat(tokens.invalidated).containsExactly("tok-1");
        }
    }

    @Test
    void secondConsecutive401ReachesTheCallerWithoutALoop() {
        try (ScriptedServer fhir = new ScriptedServer()) {
            fhir.then(401, "application/fhir+json", OUTCOME)
                    .then(401, "application/fhir+json", OUTCOME)
                    .then(200, "application/fhir+json", BUNDLE);
            CountingTokenSource tokens = new CountingTokenSource();

            assertThatThrownBy(() -> search(client(fhir, tokens)))
                    .isInstanceOf(AuthenticationException.class);
            assertThat(fhir.received).hasSize(2);
            assertThat(tokens.issued).hasValue(2);
            assertThat(tokens.invalidated).containsExactly("tok-1", "tok-2");
        }
    }

    @Test
    void createAnswered401IsNotReplayedButTheNextCallUsesANewToken() {
        try (ScriptedServer fhir = new ScriptedServer()) {
            fhir.then(401, "application/fhir+json", OUTCOME)
                    .then(201, "application/fhir+json", PATIENT);
            CountingTokenSource tokens = new CountingTokenSource();
            IGenericClient client = client(fhir, tokens);

            assertThatThrownBy(() -> client.create().resource(new Patient()).execute())
                    .isInstanceOf(AuthenticationException.class);
            client.create().resource(new Patient()).execute();

            assertThat(fhir.received).extracting(ScriptedServer.Received::authorization)
                    .containsExactly("Bearer tok-1", "Bearer tok-2");
        }
    }

    @Test
    void real401FromTheFhirServerCausesOneNewClientCredentialsToken() {
        try (MockServer oauth = new MockServer(); ScriptedServer fhir = new ScriptedServer()) {
            fhir.then(401, "application/fhir+json", OUTCOME)
                    .then(200, "application/fhir+json", BUNDLE)
                    .then(200, "application/fhir+json", BUNDLE);
            ClientCredentialsTokenSource tokens = ClientCredentialsTokenSource.builder()
                    .metadata(oauth.metadata())
                    .authentication(ClientAuthentication.clientSecretBasic("svc", "secret"))
                    .http(oauth.http()).build();
            IGenericClient client = client(fhir, tokens);
            oauth.drain();

            search(client);
            search(client);

            assertThat(oauth.tokenRequests()).hasSize(2);
            assertThat(fhir.received.get(1).authorization())
                    .isNotEqualTo(fhir.received.get(0).authorization())
                    .isEqualTo(fhir.received.get(2).authorization());
        }
    }

    @Test
    void unreachableTokenEndpointFailsTheCallBeforeAnythingIsSent() {
        try (ScriptedServer fhir = new ScriptedServer()) {
            AuthorizationServerMetadata dead = AuthorizationServerMetadata
                    .builder(java.net.URI.create("http://127.0.0.1:9"))
                    .tokenEndpoint(java.net.URI.create("http://127.0.0.1:9/token"))
                    .build(OAuthHttpConfig.builder().requireHttps(false).build());
            TokenSource tokens = ClientCredentialsTokenSource.builder().metadata(dead)
                    .authentication(ClientAuthentication.clientSecretPost("svc", "secret"))
                    .http(OAuthHttpConfig.builder().requireHttps(false).build()).build();

            assertThatThrownBy(() -> search(client(fhir, tokens)))
                    .isInstanceOf(OAuthClientException.class)
                    .hasMessage("http://127.0.0.1:9/token is unreachable: ConnectException");
            assertThat(fhir.received).isEmpty();
        }
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        assertThatThrownBy(() -> SecuredFhirClients.create(FHIR, "http://fhir.example.test/r4",
                new CountingTokenSource()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be https (plain http only for loopback hosts); "
                        + "got http://fhir.example.test");
    }

    @Test
    void tokenIsNotSentToAnotherOriginNamedByANextLink() {
        try (ScriptedServer fhir = new ScriptedServer();
                ScriptedServer other = new ScriptedServer()) {
            String paged = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                    + "\"link\":[{\"relation\":\"next\",\"url\":\""
                    + other.url("/fhir?page=2") + "\"}]}";
            fhir.then(200, "application/fhir+json", paged);
            other.then(200, "application/fhir+json", BUNDLE);
            IGenericClient client = client(fhir, new CountingTokenSource());

            client.loadPage().next(search(client)).execute();

            assertThat(fhir.received).extracting(ScriptedServer.Received::authorization)
                    .containsExactly("Bearer tok-1");
            assertThat(other.received).hasSize(1);
            assertThat(other.received.get(0).authorization()).isNull();
        }
    }

    @Test
    void tokenIsNotSentAlongARedirectToAnotherOrigin() {
        try (ScriptedServer fhir = new ScriptedServer();
                ScriptedServer other = new ScriptedServer()) {
            fhir.thenRedirect(other.url("/fhir/Patient"));
            other.then(200, "application/fhir+json", BUNDLE);

            Throwable thrown = catchThrowable(
                    () -> search(client(fhir, new CountingTokenSource())));

            assertThat(thrown).isNotNull();
            assertThat(fhir.received).extracting(ScriptedServer.Received::authorization)
                    .containsExactly("Bearer tok-1");
            assertThat(other.received).isEmpty();
        }
    }
}
