package io.fhirguard.ratelimit;

import io.fhirguard.ratelimit.internal.ForwardedHops;
import io.fhirguard.ratelimit.internal.IpRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the client's address for rate limiting and audit: the socket peer, or, when the peer is a
 * trusted proxy, the address that proxy reports in {@code Forwarded} (RFC 7239) or
 * {@code X-Forwarded-For}.
 *
 * <p>Forwarding headers can be written by anyone, so they are read only behind a trusted hop. The
 * hop list is walked from the right (the hop nearest to us) to the left: while a hop is a trusted
 * proxy, the walk goes on; the first untrusted hop is the client. If every hop is trusted, the
 * leftmost is the client. A hop that is not an IP literal ({@code unknown}, an obfuscated
 * identifier, a host name) stops the walk, and the last trusted hop that reported it is taken as
 * the client, so a garbled header can never make the address something the sender chose.
 * {@code Forwarded} is used when present; {@code X-Forwarded-For} only when it is absent.
 *
 * <p>Addresses are returned in the JDK's canonical text form (IPv6 uncompressed, IPv4-mapped IPv6
 * as IPv4). Parsing never uses DNS. Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class ClientAddressResolver {
    private final List<IpRange> trusted;

    private ClientAddressResolver(List<IpRange> trusted) {
        this.trusted = trusted;
    }

    /**
     * Creates a resolver that believes forwarding headers from the given proxies.
     *
     * @param trustedProxies IP addresses or CIDR blocks; empty to believe no header
     * @return the resolver
     * @throws IllegalArgumentException when an entry is no IP address or CIDR block
     */
    public static ClientAddressResolver of(List<String> trustedProxies) {
        return new ClientAddressResolver(trustedProxies.stream().map(IpRange::parse).toList());
    }

    /**
     * Creates a resolver from the trusted proxies of a rate limit configuration.
     *
     * @param config the configuration
     * @return the resolver
     */
    public static ClientAddressResolver of(RateLimitConfig config) {
        return of(config.trustedProxies());
    }

    /**
     * Resolves the client address.
     *
     * @param socketAddress the peer address of the connection, as an IP literal (IPv6 with or
     *     without brackets)
     * @param forwarded every {@code Forwarded} header value, in order; empty when absent
     * @param xForwardedFor every {@code X-Forwarded-For} header value, in order; empty when absent
     * @return the client address in canonical form; the socket address as given when it is no
     *     IP literal
     */
    public String resolve(String socketAddress, List<String> forwarded,
            List<String> xForwardedFor) {
        Objects.requireNonNull(socketAddress, "socketAddress");
        Optional<InetAddress> peer = IpRange.parseAddress(socketAddress);
        if (peer.isEmpty()) {
            return socketAddress;
        }
        if (!isTrusted(peer.get())) {
            return peer.get().getHostAddress();
        }

        List<String> hops = !forwarded.isEmpty() ? ForwardedHops.fromForwarded(forwarded)
                : ForwardedHops.fromXForwardedFor(xForwardedFor);

        String client = peer.get().getHostAddress();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpRange.parseAddress(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    /**
     * Tells whether an address is one of the trusted proxies.
     *
     * @param address an IP literal
     * @return true when it lies in a trusted range; false also for anything that is no IP literal
     */
    public boolean isTrustedProxy(String address) {
        return IpRange.parseAddress(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(r -> r.contains(address));
    }
}
