package ai.lychee.rerank.functions.image;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses addresses that lead into the service's own network rather than the internet: loopback, unspecified,
 * link-local (169.254.0.0/16, where cloud metadata answers; fe80::/10), multicast, broadcast and reserved ranges,
 * carrier-grade NAT, and (unless allowed) private ranges and IPv6 unique-local. IPv4 addresses embedded in IPv6
 * (compatible, NAT64, 6to4) are judged as the IPv4 address they carry.
 */
final class PublicAddressPolicy implements AddressPolicy {
    private final boolean allowPrivate;

    PublicAddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public boolean allows(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return allowsV4(b);
        }
        Inet6Address v6 = (Inet6Address) address;
        if (v6.isIPv4CompatibleAddress()) {
            return allowsV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int first = b[0] & 0xFF;
        if (first == 0x20 && b[1] == 0x02) { // 6to4 2002::/16 carries an IPv4 address
            return allowsV4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) { // NAT64 64:ff9b::/96
            return allowsV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if ((first & 0xFE) == 0xFC || v6.isSiteLocalAddress()) { // unique-local fc00::/7, old site-local fec0::/10
            return allowPrivate;
        }
        return first != 0 && first != 0xFF; // ::/8 reserved (mapped, unspecified), ff00::/8 multicast
    }

    private boolean allowsV4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        InetAddress v4;
        try {
            v4 = InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return false;
        }
        if (v4.isLoopbackAddress() || v4.isAnyLocalAddress() || v4.isLinkLocalAddress() || v4.isMulticastAddress()) {
            return false;
        }
        if (a0 == 0 || a0 >= 240 // "this network", reserved and broadcast
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT 100.64.0.0/10
                || (a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments 192.0.0.0/24
                || (a0 == 198 && (a1 == 18 || a1 == 19))) { // benchmarking 198.18.0.0/15
            return false;
        }
        if (v4.isSiteLocalAddress()) { // 10/8, 172.16/12, 192.168/16
            return allowPrivate;
        }
        return true;
    }
}
