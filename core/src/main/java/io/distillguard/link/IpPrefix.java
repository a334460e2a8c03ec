package io.distillguard.link;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The network an address belongs to for linking: an IPv4 /24 or an IPv6 /48 (what one site or NAT typically holds). */
public final class IpPrefix {
    private IpPrefix() {
    }

    /** "a.b.c.0/24", "2001:db8:1::/48", or null for a missing or malformed address. */
    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.indexOf(':') < 0) {
            int dot = address.lastIndexOf('.');
            if (dot <= 0 || !isIpv4(address)) {
                return null;
            }
            return address.substring(0, dot) + ".0/24";
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            if (b.length == 4) {
                return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", ((b[0] & 0xff) << 8) | (b[1] & 0xff),
                    ((b[2] & 0xff) << 8) | (b[3] & 0xff), ((b[4] & 0xff) << 8) | (b[5] & 0xff));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv4(String s) {
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            } else {
                return false;
            }
        }
        return parts == 4;
    }
}
