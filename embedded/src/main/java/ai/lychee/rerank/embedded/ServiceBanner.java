package ai.lychee.rerank.embedded;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The lines a person reads when the service is up: where to open it (and, shared, with which token). */
final class ServiceBanner {

    private ServiceBanner() {
    }

    static void print(boolean shared) {
        Config config = ConfigProvider.getConfig();
        int port = config.getValue("quarkus.http.port", Integer.class);
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
        String localHost = host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost") ? "localhost" : host;
        System.out.println("Running on local URL: http://" + localHost + ":" + port);
        if (shared) {
            String token = config.getValue("lychee.share.token", String.class);
            String lan = lanAddress();
            System.out.println("Running on LAN URL:   http://" + lan + ":" + port + "/?token=" + token);
            System.out.println("Access token: " + token + "  (API clients send it as 'Authorization: Bearer <token>')");
        }
        System.out.flush();
    }

    private static String lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through: no usable interface list
        }
        return "localhost";
    }
}
