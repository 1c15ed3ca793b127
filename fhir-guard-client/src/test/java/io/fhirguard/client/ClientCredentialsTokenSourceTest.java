package io.fhirguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenSourceTest {
    private final MockServer mock = new MockServer();

    @AfterEach
    void stop() {
        mock.close();
    }

    private ClientCredentialsTokenSource source(AuthorizationServerMetadata metadata,
            Clock clock) {
        return ClientCredentialsTokenSource.builder()
                .metadata(metadata)
                .authentication(ClientAuthentication.clientSecretBasic("svc", "s3cret"))
                .scopes(List.of("system/Patient.rs"))
                .http(mock.http())
                .clock(clock)
                .build();
    }

    @Test
    void sixtyFourConcurrentCallersCauseExactlyOneTokenRequest() throws Exception {
        ClientCredentialsTokenSource source = source(mock.metadata(), Clock.systemUTC());
        mock.drain();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return source.token().accessToken();
            }));
        }

        start.countDown();
        Set<String> tokens = results.stream().map(ClientCredentialsTokenSourceTest::join)
                .collect(Collectors.toSet());
        pool.shutdown();

        assertThat(tokens).hasSize(1);
        assertThat(mock.tokenRequests()).hasSize(1);
    }

    @Test
    void concurrentCallersShareOneFailureFromAnUnreachableEndpoint() throws Exception {
        AuthorizationServerMetadata dead = AuthorizationServerMetadata
                .builder(URI.create("http://127.0.0.1:9"))
                .tokenEndpoint(URI.create("http://127.0.0.1:9/token"))
                .build(mock.http());
        ClientCredentialsTokenSource source = source(dead, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> source.token().accessToken()));
        }

        List<Throwable> failures = new ArrayList<>();
        for (Future<String> f : results) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        pool.shutdown();

        assertThat(failures).hasSize(8).allSatisfy(e -> assertThat(e)
                .isInstanceOf(OAuthClientException.class)
                .hasMessage("http://127.0.0.1:9/token is unreachable: ConnectException"));
    }

    @Test
    void tokenIsReusedUntilSixtySecondsBeforeExpiryThenRefreshed() {
        SteppedClock clock = SteppedClock.startingNow();
        ClientCredentialsTokenSource source = source(mock.metadata(), clock);
        mock.drain();

        String first = source.token().accessToken();
        long lifetime = source.token().expiresIn().orElseThrow().toSeconds();
        clock.step(Duration.ofSeconds(lifetime - 61));
        String beforeSkew = source.token().accessToken();
        clock.step(Duration.ofSeconds(2));
        String afterSkew = source.token().accessToken();

        assertThat(beforeSkew).isEqualTo(first);
        assertThat(afterSkew).isNotEqualTo(first);
        assertThat(mock.tokenRequests()).hasSize(2);
    }

    @Test
    void invalidateDropsOnlyTheRejectedToken() {
        ClientCredentialsTokenSource source = source(mock.metadata(), Clock.systemUTC());
        String first = source.token().accessToken();

        source.invalidate("some-older-token");
        String unchanged = source.token().accessToken();
        source.invalidate(first);
        String replaced = source.token().accessToken();

        assertThat(unchanged).isEqualTo(first);
        assertThat(replaced).isNotEqualTo(first);
    }

    @Test
    void clientSecretBasicFormEncodesIdAndSecretBeforeBase64() {
        ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
                .metadata(mock.metadata())
                .authentication(ClientAuthentication.clientSecretBasic("svc:1 ü", "p@ss:w+rd %ä"))
                .http(mock.http())
                .build();
        mock.drain();

        source.token();
        RecordedRequest request = mock.tokenRequests().get(0);
        String decoded = new String(java.util.Base64.getDecoder().decode(
                request.getHeader("Authorization").substring("Basic ".length())),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(decoded).isEqualTo("svc%3A1+%C3%BC:p%40ss%3Aw%2Brd+%25%C3%A4");
    }

    @Test
    void clientSecretPostSendsIdAndSecretAsFormParameters() {
        ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
                .metadata(mock.metadata())
                .authentication(ClientAuthentication.clientSecretPost("svc", "a&b=c"))
                .http(mock.http())
                .build();
        mock.drain();

        source.token();
        RecordedRequest request = mock.tokenRequests().get(0);

        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getBody().readUtf8())
                .contains("client_id=svc", "client_secret=a%26b%3Dc");
    }

    @Test
    void builderReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ClientCredentialsTokenSource.builder()
                .refreshSkew(Duration.ofMinutes(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata is missing")
                .hasMessageContaining("authentication is missing")
                .hasMessageContaining("refreshSkew is PT-1M; allowed 0 to 10 minutes");
    }

    @Test
    void toStringMasksTheAccessToken() {
        TokenResponse token = source(mock.metadata(), Clock.systemUTC()).token();

        assertThat(token.toString()).doesNotContain(token.accessToken()).contains("****");
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
