package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fhirguard.client.internal.Forms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthorizationCodeFlowTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:1/callback");
    private static final URI FHIR = URI.create("https://fhir.example.test/r4");

    private final MockServer mock = new MockServer();
    private final SteppedClock clock = SteppedClock.startingNow();

    @AfterEach
    void stop() {
        mock.close();
    }

    private AuthorizationCodeFlow flow(List<String> scopes) {
        return AuthorizationCodeFlow.builder()
                .metadata(mock.metadata())
                .authentication(ClientAuthentication.clientSecretBasic("app", "app-secret"))
                .redirectUri(REDIRECT)
                .fhirBaseUrl(FHIR)
                .scopes(scopes)
                .http(mock.http())
                .clock(clock)
                .build();
    }

    // mock-oauth2-server only runs the code grant with the openid scope, so these tests
    // request it, which also makes every completed login pass the ID token and nonce checks.

    /** Lets the mock server's non-interactive login answer and returns the redirect. */
    private static URI authorize(URI authorizeUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        return Forms.decode(uri.getRawQuery());
    }

    @Test
    void pkceChallengeInTheAuthorizeUrlIsS256OfTheVerifierSentWithTheCode() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        AuthorizationRequest request = flow.authorizationRequest().build();

        flow.complete(authorize(request.uri()));
        RecordedRequest exchange = mock.tokenRequests().get(0);
        Map<String, String> form = Forms.decode(exchange.getBody().readUtf8());
        String verifier = form.get("code_verifier");
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        assertThat(query(request.uri())).containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", expected);
        assertThat(verifier).hasSize(43);
        assertThat(form).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", REDIRECT.toString());
    }

    @Test
    void authorizeUrlCarriesAudLaunchAndOneTimeState() {
        AuthorizationCodeFlow flow = flow(List.of("launch", "patient/*.rs"));

        AuthorizationRequest first = flow.authorizationRequest().launch("xyz-launch").build();
        AuthorizationRequest second = flow.authorizationRequest().build();

        assertThat(query(first.uri())).containsEntry("aud", FHIR.toString())
                .containsEntry("launch", "xyz-launch")
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "app")
                .containsEntry("scope", "launch patient/*.rs")
                .containsEntry("state", first.state())
                .doesNotContainKey("nonce");
        assertThat(second.state()).isNotEqualTo(first.state());
    }

    @Test
    void callbackWithAnotherStateIsRefusedWithoutATokenRequest() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        URI callback = authorize(flow.authorizationRequest().build().uri());
        URI forged = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged"));
        mock.drain();

        assertThatThrownBy(() -> flow.complete(forged))
                .isInstanceOfSatisfying(OAuthClientException.class, e -> assertThat(e.category())
                        .isEqualTo(OAuthClientException.Category.INVALID_CALLBACK))
                .hasMessage("state is unknown, already used or expired");
        assertThat(mock.tokenRequests()).isEmpty();
    }

    @Test
    void stateIsAcceptedOnlyOnce() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        URI callback = authorize(flow.authorizationRequest().build().uri());
        flow.complete(callback);

        assertThatThrownBy(() -> flow.complete(callback))
                .hasMessage("state is unknown, already used or expired");
    }

    @Test
    void stateOlderThanItsLifetimeIsRefused() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        URI callback = authorize(flow.authorizationRequest().build().uri());

        clock.step(Duration.ofMinutes(11));

        assertThatThrownBy(() -> flow.complete(callback))
                .hasMessage("state is unknown, already used or expired");
    }

    @Test
    void callbackFromAnotherIssuerIsRefused() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        URI callback = authorize(flow.authorizationRequest().build().uri());
        URI withIss = URI.create(callback + "&iss=" + Forms.encode("https://evil.test"));

        assertThatThrownBy(() -> flow.complete(withIss))
                .hasMessage("callback iss does not match the issuer (RFC 9207 §2.4)");
    }

    @Test
    void callbackWithMatchingIssIsAccepted() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        URI callback = authorize(flow.authorizationRequest().build().uri());
        URI withIss = URI.create(callback + "&iss=" + Forms.encode(mock.issuer().toString()));

        assertThat(flow.complete(withIss).token().accessToken()).isNotEmpty();
    }

    @Test
    void errorCallbackCarriesTheOAuthErrorCode() {
        AuthorizationCodeFlow flow = flow(List.of("openid", "patient/*.rs"));
        AuthorizationRequest request = flow.authorizationRequest().build();
        URI denied = URI.create(REDIRECT + "?error=access_denied&state=" + request.state());

        assertThatThrownBy(() -> flow.complete(denied))
                .isInstanceOfSatisfying(OAuthClientException.class, e -> {
                    assertThat(e.error()).contains("access_denied");
                    assertThat(e.httpStatus()).isEmpty();
                })
                .hasMessage("authorization was refused (error access_denied)");
    }

    @Test
    void openidLoginChecksTheIdTokenNonce() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "fhirUser"));
        AuthorizationRequest request = flow.authorizationRequest().build();

        TokenResponse token = flow.complete(authorize(request.uri())).token();
        String payload = new String(Base64.getUrlDecoder().decode(
                token.idToken().orElseThrow().split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(request.nonce()).isPresent();
        assertThat(query(request.uri())).containsEntry("nonce", request.nonce().get());
        assertThat(payload).contains("\"nonce\":\"" + request.nonce().get() + "\"");
    }

    /** A flow whose token endpoint is a scripted server, completed without a browser. */
    private AuthorizationCodeTokenSource completedAgainst(ScriptedServer tokenServer) {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata
                .builder(tokenServer.url("/as"))
                .tokenEndpoint(tokenServer.url("/as/token"))
                .authorizationEndpoint(tokenServer.url("/as/authorize"))
                .build(mock.http());
        AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder().metadata(metadata)
                .authentication(ClientAuthentication.none("app")).redirectUri(REDIRECT)
                .fhirBaseUrl(FHIR).scopes(List.of("offline_access")).http(mock.http())
                .clock(clock).build();
        AuthorizationRequest request = flow.authorizationRequest().build();
        return flow.complete(URI.create(REDIRECT + "?code=c-1&state=" + request.state()));
    }

    @Test
    void rotatedRefreshTokenReplacesTheOldAndAMissingOneKeepsIt() {
        try (ScriptedServer tokens = new ScriptedServer()) {
            tokens.thenToken("at-1", "rt-1").thenToken("at-2", "rt-2")
                    .thenToken("at-3", null).thenToken("at-4", null);
            AuthorizationCodeTokenSource source = completedAgainst(tokens);

            clock.step(Duration.ofHours(2));
            String second = source.token().accessToken();
            clock.step(Duration.ofHours(2));
            String third = source.token().accessToken();
            clock.step(Duration.ofHours(2));
            source.token();
            List<Map<String, String>> sent = tokens.received.stream()
                    .map(r -> Forms.decode(r.body())).toList();

            assertThat(second).isEqualTo("at-2");
            assertThat(third).isEqualTo("at-3");
            assertThat(sent).hasSize(4);
            assertThat(sent.get(0)).containsEntry("grant_type", "authorization_code")
                    .containsEntry("code", "c-1").containsKey("code_verifier");
            assertThat(sent.get(1)).containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", "rt-1");
            assertThat(sent.get(2)).containsEntry("refresh_token", "rt-2");
            assertThat(sent.get(3)).containsEntry("refresh_token", "rt-2");
        }
    }

    @Test
    void clearDuringARunningRefreshIsNotUndoneByItsResult() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ScriptedServer tokens = new ScriptedServer()) {
            CountDownLatch arrived = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            tokens.thenToken("at-1", "rt-1").thenHeldToken("at-2", "rt-2", arrived, release);
            AuthorizationCodeTokenSource source = completedAgainst(tokens);
            clock.step(Duration.ofHours(2));
            Future<?> refreshing = pool.submit(source::token);
            arrived.await();

            source.clear();
            release.countDown();
            catchThrowable(refreshing::get);

            assertThat(source.hasRefreshToken()).isFalse();
            assertThatThrownBy(source::token).hasMessage(
                    "access token is due and no refresh token is held; authorize again");
            assertThat(tokens.received).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidGrantDropsTheTokensAndDoesNotRetry() {
        try (ScriptedServer tokens = new ScriptedServer()) {
            tokens.thenToken("at-1", "rt-1")
                    .thenJson(400, "{\"error\":\"invalid_grant\",\"error_description\":\"gone\"}");
            AuthorizationCodeTokenSource source = completedAgainst(tokens);
            clock.step(Duration.ofHours(2));

            assertThatThrownBy(source::token)
                    .isInstanceOfSatisfying(OAuthClientException.class, e -> {
                        assertThat(e.category()).isEqualTo(
                                OAuthClientException.Category.REAUTHORIZATION_REQUIRED);
                        assertThat(e.isInvalidGrant()).isTrue();
                        assertThat(e.errorDescription()).contains("gone");
                    });
            assertThatThrownBy(source::token).hasMessage(
                    "access token is due and no refresh token is held; authorize again");
            assertThat(source.hasRefreshToken()).isFalse();
            assertThat(tokens.received).hasSize(2);
        }
    }

    @Test
    void mockServerRefreshGrantIsAcceptedWithTheIssuedRefreshToken() throws Exception {
        AuthorizationCodeFlow flow = flow(List.of("openid", "offline_access", "patient/*.rs"));
        AuthorizationCodeTokenSource source = flow.complete(
                authorize(flow.authorizationRequest().build().uri()));
        String first = source.token().accessToken();
        mock.drain();

        clock.step(Duration.ofHours(2));
        String refreshed = source.token().accessToken();
        List<RecordedRequest> requests = mock.tokenRequests();

        assertThat(refreshed).isNotEqualTo(first);
        assertThat(requests).hasSize(1);
        assertThat(Forms.decode(requests.get(0).getBody().readUtf8()))
                .containsEntry("grant_type", "refresh_token").containsKey("refresh_token");
    }

    @Test
    void serverWithoutS256IsRefusedWhenTheFlowIsBuilt() {
        AuthorizationServerMetadata plainOnly = AuthorizationServerMetadata
                .builder(URI.create("https://as.test"))
                .tokenEndpoint(URI.create("https://as.test/token"))
                .authorizationEndpoint(URI.create("https://as.test/authorize"))
                .codeChallengeMethods(List.of("plain"))
                .build(OAuthHttpConfig.defaults());

        assertThatThrownBy(() -> AuthorizationCodeFlow.builder().metadata(plainOnly)
                .authentication(ClientAuthentication.none("app")).redirectUri(REDIRECT)
                .fhirBaseUrl(FHIR).scopes(List.of("patient/*.rs")).build())
                .hasMessage("Invalid AuthorizationCodeFlow: server supports PKCE methods "
                        + "[plain] but not S256; plain is never used");
    }
}
