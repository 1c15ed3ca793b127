package io.fhirguard.ratelimit.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR block. Parses literals only: a string that is no IPv4 or IPv6 literal is
 * rejected, never looked up in DNS.
 */
public final class IpRange {
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,3}");
    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32} or {@code ::1}.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] address = parseAddress(addressPart).map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("'" + text
                        + "' is no IPv4 or IPv6 address or CIDR block"));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!PREFIX_LENGTH.matcher(p).matches() || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text
                        + "' has a prefix length outside 0 to " + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new IpRange(mask(address, prefix), prefix, text);
    }

    /** Tells whether the address lies inside this range (IPv4-mapped IPv6 counts as IPv4). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /**
     * Parses an IP literal without DNS: dotted-quad IPv4, or IPv6 (which must hold a colon, so the
     * JDK treats it as a literal), optionally in brackets. Zone ids and host names are rejected.
     */
    public static Optional<InetAddress> parseAddress(String address) {
        String text = address.length() > 2 && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0) {
            return Optional.empty();
        }
        if (DOTTED_QUAD.matcher(text).matches()) {
            return ipv4(text);
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
