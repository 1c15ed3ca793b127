package io.fhirguard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noArgumentPrintsUsageListingEveryCommandAndExits2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[0], Map.of(), new PrintStream(out, true,
                StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar")
                .contains("demo", "serve", "gateway", "backend-client", "oauth-flow");
    }

    @Test
    void unknownCommandPrintsUsageAndExits2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"attack"}, Map.of(), new PrintStream(out, true,
                StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:");
    }

    @Test
    void gatewayWithoutUpstreamExits1NamingTheMissingVariable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"gateway"}, Map.of(ExampleSettings.PORT, "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FHIRGUARD_UPSTREAM is required");
    }

    @Test
    void invalidSettingExits1WithTheProblem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"serve"}, Map.of(ExampleSettings.PORT, "x"),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FHIRGUARD_PORT='x'");
    }
}
