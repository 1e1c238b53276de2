package ai.lychee.rerank.functions.share;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The links {@code ./lychee share} prints: one per LAN address of this machine, each carrying the token. */
public final class ShareLinks {

    private ShareLinks() {
    }

    /** http://ADDRESS:PORT/?token=TOKEN for every up, non-loopback IPv4 address; localhost when there is none. */
    public static List<String> forPort(int port, String token) {
        List<String> links = new ArrayList<>();
        for (String host : lanAddresses()) {
            links.add(link(host, port, token));
        }
        if (links.isEmpty()) {
            links.add(link("localhost", port, token));
        }
        return links;
    }

    static String link(String host, int port, String token) {
        return "http://" + host + ":" + port + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static List<String> lanAddresses() {
        List<String> hosts = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        hosts.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to list: the caller falls back to localhost.
        }
        return hosts;
    }
}
