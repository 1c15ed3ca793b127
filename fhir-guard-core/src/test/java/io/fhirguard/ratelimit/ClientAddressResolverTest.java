package io.fhirguard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
    private static final ClientAddressResolver RESOLVER =
            ClientAddressResolver.of(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    @Test
    void spoofedXForwardedForFromAnUntrustedHopIsIgnored() {
        String client = RESOLVER.resolve("203.0.113.9", List.of(), List.of("198.51.100.1"));

        assertThat(client).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedProxyHopGivesTheAddressItReports() {
        String client = RESOLVER.resolve("10.1.2.3", List.of(), List.of("198.51.100.7"));

        assertThat(client).isEqualTo("198.51.100.7");
    }

    @Test
    void multiHopChainIsWalkedFromTheRightToTheFirstUntrustedHop() {
        String client = RESOLVER.resolve("10.0.0.1", List.of(),
                List.of("6.6.6.6, 198.51.100.7", "10.9.9.9"));

        assertThat(client).isEqualTo("198.51.100.7");
    }

    @Test
    void addressPrependedByTheClientBeforeAnUntrustedHopIsNotBelieved() {
        String client = RESOLVER.resolve("10.0.0.1", List.of(),
                List.of("10.5.5.5, 198.51.100.7, 10.9.9.9"));

        assertThat(client).isEqualTo("198.51.100.7");
    }

    @Test
    void chainOfOnlyTrustedHopsGivesTheLeftmost() {
        String client = RESOLVER.resolve("10.0.0.1", List.of(), List.of("10.7.7.7, 10.8.8.8"));

        assertThat(client).isEqualTo("10.7.7.7");
    }

    @Test
    void forwardedHeaderWithQuotedIpv6AndPortIsRead() {
        String client = RESOLVER.resolve("10.0.0.1",
                List.of("for=\"[2001:db8::17]:4711\";proto=https, for=10.3.3.3"),
                List.of("192.0.2.250"));

        assertThat(client).isEqualTo("2001:db8:0:0:0:0:0:17");
    }

    @Test
    void unparseableHopStopsTheWalkAtTheProxyThatReportedIt() {
        String client = RESOLVER.resolve("10.0.0.1", List.of(),
                List.of("198.51.100.7, evil.example, 10.2.2.2"));

        assertThat(client).isEqualTo("10.2.2.2");
    }

    @Test
    void ipv4WithPortInXForwardedForIsAccepted() {
        String client = RESOLVER.resolve("10.0.0.1", List.of(), List.of("198.51.100.7:5555"));

        assertThat(client).isEqualTo("198.51.100.7");
    }

    @Test
    void bracketedIpv6PeerIsRecognizedAsATrustedProxy() {
        String client = RESOLVER.resolve("[2001:db8:ffff::5]", List.of("for=198.51.100.8"),
                List.of());

        assertThat(client).isEqualTo("198.51.100.8");
    }

    @Test
    void untrustedPeerIsReturnedInCanonicalFormSoOneClientHasOneKey() {
        String client = RESOLVER.resolve("2001:db8::0:1", List.of(), List.of());

        assertThat(client).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void trustedIpv6ProxyIsMatchedByItsCidrBlock() {
        assertThat(RESOLVER.isTrustedProxy("2001:db8:ffff:1::2")).isTrue();
        assertThat(RESOLVER.isTrustedProxy("2001:db8:fffe::2")).isFalse();
    }

    @Test
    void hostNameAsTrustedProxyIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientAddressResolver.of(List.of("proxy.internal")))
                .withMessage("'proxy.internal' is no IPv4 or IPv6 address or CIDR block");
    }
}
