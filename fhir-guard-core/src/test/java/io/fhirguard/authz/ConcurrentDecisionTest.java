package io.fhirguard.authz;

import static io.fhirguard.authz.TestRequests.request;
import static io.fhirguard.authz.TestRequests.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.request.FhirRequest;
import io.fhirguard.token.AccessToken;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentDecisionTest {

    @Test
    void onePolicySharedByThreadsGivesEveryThreadTheSameDecisions() throws Exception {
        AuthorizationPolicy policy = AuthorizationPolicy.create(AuthorizationConfig.builder()
                .build());
        AccessToken a = token("patient/*.rs", "A");
        AccessToken b = token("patient/*.rs", "B");
        FhirRequest search = request("GET Condition?code=x");
        ExecutorService pool = Executors.newFixedThreadPool(4);

        List<Future<String>> results;
        try {
            results = pool.invokeAll(IntStream.range(0, 200).<java.util.concurrent.Callable<String>>
                    mapToObj(i -> () -> {
                        AccessToken t = i % 2 == 0 ? a : b;
                        return policy.decide(t, search).request().parameters()
                                .values("patient").get(0) + (i % 2 == 0 ? "=A" : "=B");
                    }).toList());
        } finally {
            pool.shutdown();
        }

        for (Future<String> f : results) {
            String r = f.get();
            assertThat(r.substring(0, 1)).isEqualTo(r.substring(2));
        }
    }
}
