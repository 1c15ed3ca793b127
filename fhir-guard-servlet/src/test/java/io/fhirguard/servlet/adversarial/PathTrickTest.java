package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static io.fhirguard.servlet.adversarial.ClinicalStore.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path tricks that make the container, fhir-guard and HAPI disagree about which resource a
 * URL names: dot segments (plain and encoded), path parameters, doubled and trailing slashes,
 * encoded separators and NUL, B's id percent-encoded. With patient A's token, none may return
 * anything of B, none may be a 500, and none may reach HAPI as a read of B.
 */
@ExtendWith(LeakWatch.class)
class PathTrickTest {
    private static Target target;
    private static String tokenA;

    @BeforeAll
    static void start() throws Exception {
        target = Target.start();
        tokenA = target.tokenForA();
    }

    @AfterAll
    static void stop() throws Exception {
        target.close();
    }

    static Stream<String> tricks() {
        String encodedB = B.chars().mapToObj(c -> String.format("%%%02X", c))
                .reduce("", String::concat);
        return Stream.of("Patient/" + A + "/../" + B, "Patient/" + A + "/%2e%2e/" + B,
                "Patient/" + A + "/%2E%2E/" + B, "Patient/" + B + ";jsessionid=x",
                "Patient/" + B + "%3Bx", "Patient;x=y/" + B, "Patient//" + B,
                "Patient/" + B + "/", "./Patient/" + B, "Patient%2F" + B,
                "Patient/" + encodedB, "Patient/" + B + "%00", "Patient/" + B + "%2500",
                "Patient/" + A + "/..;/" + B, "Observation/../Patient/" + B);
    }

    @ParameterizedTest
    @MethodSource("tricks")
    void pathTrickNeverReadsB(String path) {
        int before = target.received().all().size();

        Http.Response r;
        try {
            r = Http.get(URI.create(target.base() + "/" + path)).bearer(tokenA).send();
        } catch (UncheckedIOException | IllegalArgumentException refused) {
            return;
        }

        assertThat(r.status()).as(path + " -> " + r.body()).isNotEqualTo(500)
                .isGreaterThanOrEqualTo(400);
        Leaks.assertNothingOfB(r, target.store());
        assertThat(target.received().all().subList(before, target.received().all().size()))
                .noneMatch(x -> x.path().contains(B));
    }
}
