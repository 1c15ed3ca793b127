package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static io.fhirguard.sanitize.Fixtures.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.FhirGuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentValidationTest {

    @Test
    void concurrentValidationsGiveTheSameResultsAsOneThread() throws Exception {
        List<String[]> searches = List.of(new String[] {"patient=123", "_count=500"},
                new String[] {"code=http://loinc.org|29463-7", "date=ge2025-03-01"},
                new String[] {"date=2025-02-30"}, new String[] {"subject.name=x", "_sort=-date"});
        List<String> expected = new ArrayList<>();
        for (String[] s : searches) {
            expected.add(outcomeOf(s));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        for (String[] s : searches) {
                            seen.add(outcomeOf(s));
                        }
                    }
                    return seen;
                }));
            }
            for (Future<List<String>> f : futures) {
                List<String> seen = f.get();
                for (int i = 0; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isEqualTo(expected.get(i % searches.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcomeOf(String[] pairs) {
        try {
            SanitizedParameters result = STRICT.validate("Observation", query(pairs));
            return "ok " + result.parameters().asList().stream()
                    .map(p -> p.name() + "=" + p.value()).toList() + " " + result.warnings();
        } catch (FhirGuardException e) {
            return "refused " + e.problems();
        }
    }
}
