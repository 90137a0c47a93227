package org.opendialer.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps webhooks off addresses an outsider should not reach through us (SSRF): only http(s), and only hosts
 * whose every address is public: not loopback, link-local, private (RFC 1918, RFC 4193), unspecified,
 * multicast or one of this server's own interface addresses, unless the configuration allows it. Checked when
 * the URL is given and again, after a fresh DNS lookup, right before each attempt, which then connects to the
 * address checked here (so a name re-pointed in between, DNS rebinding, cannot slip through).
 */
public final class TargetGuard {

    /** A URL that may not be called; the message names the URL and the reason. */
    public static final class RefusedTarget extends IllegalArgumentException {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** A CIDR block of the allow-list. */
    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The parsed allow-list: CIDR blocks (a bare address is a full-length block) and lower-case host names. */
    record Allowed(List<Block> blocks, Set<String> hosts) {
    }

    private static final byte[] BROADCAST = {-1, -1, -1, -1};

    private final boolean allowPrivate;
    private final Allowed allowed;

    public TargetGuard(boolean allowPrivate, List<String> allowed) {
        this.allowPrivate = allowPrivate;
        this.allowed = parseAllowed(allowed);
    }

    public static TargetGuard of(WebhooksConfig config) {
        return new TargetGuard(config.allowPrivateTargets(), config.allowedTargets());
    }

    /** @throws IllegalArgumentException {@code allowedTargets: reason} for an entry that is none of the three */
    static Allowed parseAllowed(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (String raw : entries) {
            String e = raw == null ? "" : raw.strip();
            int slash = e.indexOf('/');
            String addr = slash < 0 ? e : e.substring(0, slash);
            if (slash < 0 && !e.isEmpty() && !isLiteral(addr)) {
                hosts.add(e.toLowerCase(Locale.ROOT));
                continue;
            }
            try {
                if (!isLiteral(addr)) {
                    throw new IllegalArgumentException(); // never a DNS lookup here: literals only
                }
                byte[] net = InetAddress.getByName(addr).getAddress();
                int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(e.substring(slash + 1));
                if (prefix < 0 || prefix > net.length * 8) {
                    throw new IllegalArgumentException();
                }
                blocks.add(new Block(net, prefix));
            } catch (IllegalArgumentException | UnknownHostException x) {
                throw new IllegalArgumentException("allowedTargets: '" + e + "' is not a host, an address or a CIDR block");
            }
        }
        return new Allowed(List.copyOf(blocks), Set.copyOf(hosts));
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /**
     * Parses and checks a URL given by a client.
     *
     * @param field the request field, for the message ({@code webhook.url})
     * @throws RefusedTarget when the URL is not http(s), does not resolve, or resolves to a refused address
     */
    public URI check(String field, String url) {
        URI uri = parse(field, url);
        try {
            resolve(uri);
        } catch (UnknownHostException e) {
            throw new RefusedTarget(field + ": the host of " + url + " does not resolve");
        } catch (RefusedTarget e) {
            throw new RefusedTarget(field + ": " + e.getMessage());
        }
        return uri;
    }

    static URI parse(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedTarget(field + ": not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget(field + ": only http and https webhooks are sent, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget(field + ": the URL names no host");
        }
        return uri;
    }

    /**
     * Looks the host up now and returns the address to connect to.
     *
     * @throws UnknownHostException when the name does not resolve (maybe for a while: worth a retry)
     * @throws RefusedTarget        when any address of the host is refused
     */
    public InetAddress resolve(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = InetAddress.getAllByName(bare);
        if (allowPrivate || allowed.hosts().contains(bare.toLowerCase(Locale.ROOT))) {
            return all[0];
        }
        Set<InetAddress> own = ownAddresses();
        for (InetAddress a : all) {
            String why = refusal(a, own);
            if (why != null && allowed.blocks().stream().noneMatch(b -> b.contains(a))) {
                throw new RefusedTarget(uri + " resolves to " + a.getHostAddress() + ", " + why
                        + "; allow it with webhooks.allowedTargets or webhooks.allowPrivateTargets");
            }
        }
        return all[0];
    }

    /** Why the address is refused, or null when it is public. */
    static String refusal(InetAddress a, Set<InetAddress> own) {
        byte[] b = a.getAddress();
        InetAddress embedded = embeddedIpv4(b);
        if (embedded != null) {
            // ::a.b.c.d and NAT64 64:ff9b::a.b.c.d reach the IPv4 address they carry
            return refusal(embedded, own);
        }
        if (a.isAnyLocalAddress() || (a instanceof Inet4Address && b[0] == 0)) {
            return "an unspecified address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isMulticastAddress() || Arrays.equals(b, BROADCAST)) {
            return "a multicast or broadcast address";
        }
        if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc)) {
            return "a private address";
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a shared (carrier-grade NAT, RFC 6598) address";
        }
        if (own.contains(a)) {
            return "an address of this server";
        }
        return null;
    }

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address, else null. */
    private static InetAddress embeddedIpv4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        byte[] prefix = Arrays.copyOf(b, 12);
        boolean compatible = Arrays.equals(prefix, new byte[12]) && (b[12] | b[13] | b[14]) != 0;
        if (!compatible && !Arrays.equals(prefix, NAT64)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(ni.getInetAddresses()));
            }
        } catch (SocketException e) {
            // without the list, the other checks still stand; public addresses of ours would pass
        }
        return own;
    }
}
