package me.napolni.dinamics.mqtt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the host tells about itself: a stable serial (TOPICS.md section 1) and the {@code wifi} facts (section 3). */
public final class HostFacts {

    /** Allowed serials. */
    public static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** File in the data directory that keeps a random serial. */
    public static final String SERIAL_FILE = "mqtt-serial";

    private static final int MAC_BYTES = 6;

    private HostFacts() {
    }

    /**
     * Returns the MAC of the lowest-named non-loopback interface with a 6-byte hardware address, else a random
     * 12-hex id made once and kept in {@code dataDir}.
     *
     * @param dataDir where a random id is kept; null to keep none (a new one each start)
     * @return 12 upper-case hex digits
     */
    public static String defaultSerial(Path dataDir) {
        String mac = macSerial();
        return mac != null ? mac : randomSerial(dataDir);
    }

    /**
     * Returns the MAC-derived serial.
     *
     * @return 12 upper-case hex digits, or null when no interface has a MAC
     */
    public static String macSerial() {
        List<NetworkInterface> list = new ArrayList<>();
        try {
            var e = NetworkInterface.getNetworkInterfaces();
            if (e != null) {
                list.addAll(Collections.list(e));
            }
        } catch (SocketException e) {
            return null;
        }
        list.sort(Comparator.comparing(NetworkInterface::getName));
        for (NetworkInterface nif : list) {
            try {
                if (nif.isLoopback()) {
                    continue;
                }
                byte[] mac = nif.getHardwareAddress();
                if (mac != null && mac.length == MAC_BYTES) {
                    return HexFormat.of().withUpperCase().formatHex(mac);
                }
            } catch (SocketException e) {
                // an interface that vanished while listing: skip it
            }
        }
        return null;
    }

    /**
     * Returns the random serial kept in {@code dataDir}, making it on first use.
     *
     * @param dataDir the directory, or null
     * @return 12 upper-case hex digits
     */
    public static String randomSerial(Path dataDir) {
        byte[] bytes = new byte[MAC_BYTES];
        if (dataDir == null) {
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }
        Path file = dataDir.resolve(SERIAL_FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (kept.matches("[0-9A-F]{12}")) {
                    return kept;
                }
            }
            new SecureRandom().nextBytes(bytes);
            String made = HexFormat.of().withUpperCase().formatHex(bytes);
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(SERIAL_FILE + ".tmp");
            Files.writeString(tmp, made, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the serial in " + file, e);
        }
    }

    /**
     * Builds the {@code wifi} list (TOPICS.md section 3) for the interface that reaches the broker. Never a password.
     *
     * @param brokerUri the broker URI, e.g. {@code tcp://127.0.0.1:1883}
     * @return the {@code $} list
     */
    public static String wifi(String brokerUri) {
        String ip = "";
        String gateway = "";
        String subnet = "";
        try {
            InetAddress local = localAddressTowards(brokerUri);
            if (local instanceof Inet4Address) {
                ip = local.getHostAddress();
                NetworkInterface nif = NetworkInterface.getByInetAddress(local);
                if (nif != null) {
                    for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                        if (a.getAddress().equals(local)) {
                            subnet = mask(a.getNetworkPrefixLength());
                        }
                    }
                    gateway = defaultGateway(nif.getName());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown values are empty
        }
        return new Formats.DollarList()
                .put("ssid", "")
                .put("pass", "********")
                .put("ssid1", "")
                .put("pass1", "********")
                .put("ip", ip)
                .put("gateway", gateway)
                .put("subnet", subnet)
                .put("mdns", hostName())
                .put("dhcpcheck", "")
                .toString();
    }

    private static InetAddress localAddressTowards(String brokerUri) throws IOException {
        URI uri = URI.create(brokerUri);
        int port = uri.getPort() > 0 ? uri.getPort() : 1883;
        // a connected UDP socket only picks the route; it sends nothing
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port));
            return socket.getLocalAddress();
        }
    }

    static String mask(int prefixLength) {
        long bits = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
        return ((bits >> 24) & 0xFF) + "." + ((bits >> 16) & 0xFF) + "." + ((bits >> 8) & 0xFF) + "." + (bits & 0xFF);
    }

    private static String defaultGateway(String interfaceName) {
        Path route = Path.of("/proc/net/route");
        if (!Files.isReadable(route)) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(route, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[0].equals(interfaceName) && f[1].equals("00000000")) {
                    long gw = Long.parseLong(f[2], 16);   // little-endian in the file
                    return (gw & 0xFF) + "." + ((gw >> 8) & 0xFF) + "." + ((gw >> 16) & 0xFF) + "."
                            + ((gw >> 24) & 0xFF);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "";
        }
        return "";
    }

    private static String hostName() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name.toLowerCase(Locale.ROOT);
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null ? "" : env;
    }
}
