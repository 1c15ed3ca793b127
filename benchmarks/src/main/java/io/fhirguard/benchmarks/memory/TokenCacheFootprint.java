package io.fhirguard.benchmarks.memory;

import io.fhirguard.benchmarks.JwtFixture;
import io.fhirguard.benchmarks.Validators;
import io.fhirguard.token.JwtValidator;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Retained heap of the verified-token cache filled to its bound: the validator validates
 * {@code bound} distinct tokens (HS256, so signing them is quick; the cached entry does not
 * depend on the algorithm), and the heap is read before and after with the token strings held
 * on both sides, so the difference is what the cache keeps. Prints one
 * {@code memory verified-token cache} line per bound.
 */
public final class TokenCacheFootprint {
    private TokenCacheFootprint() {
    }

    /**
     * Runs the probe for each bound given, by default the default bound (10,000) and 100,000.
     *
     * @param args cache bounds, 1 to 1,000,000 each
     */
    public static void main(String[] args) {
        String[] bounds = args.length > 0 ? args : new String[] {"10000", "100000"};
        for (String bound : bounds) {
            measure(Integer.parseInt(bound));
        }
    }

    private static void measure(int bound) {
        JwtFixture fixture = JwtFixture.generate("HS256");
        List<String> tokens = new ArrayList<>(bound);
        for (int i = 0; i < bound; i++) {
            tokens.add(fixture.sign("user-" + i, UUID.randomUUID().toString()));
        }
        try (JwtValidator validator = Validators.jwt(fixture, bound)) {
            validator.validate(tokens.get(0));
            long before = Heap.usedAfterGc();
            for (String t : tokens) {
                validator.validate(t);
            }
            long after = Heap.usedAfterGc();
            Reference.reachabilityFence(tokens);

            System.out.printf(Locale.ROOT, "memory verified-token cache: bound=%d retained=%.1f"
                    + " MiB (%.0f bytes/entry)%n", bound, Heap.mib(after - before),
                    (after - before) / (double) bound);
        }
    }
}
