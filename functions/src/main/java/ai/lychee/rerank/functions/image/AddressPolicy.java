package ai.lychee.rerank.functions.image;

import java.net.InetAddress;

/** Which network addresses an image URL may lead to; checked for every DNS answer and every redirect. */
@FunctionalInterface
public interface AddressPolicy {

    boolean allows(InetAddress address);

    /** Public internet only: the default. */
    static AddressPolicy publicOnly() {
        return new PublicAddressPolicy(false);
    }

    /** Public internet plus private networks, never loopback, link-local or metadata addresses. */
    static AddressPolicy publicAndPrivate() {
        return new PublicAddressPolicy(true);
    }

    /** This policy, and loopback too: only for tests that serve images from this machine. */
    default AddressPolicy orLoopback() {
        return address -> address.isLoopbackAddress() || allows(address);
    }
}
