package io.distillguard.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * Decides which address a request came from: the socket peer, or the X-Forwarded-For chain when (and only when) the
 * peer is a configured trusted proxy. Walks the chain from the right and returns the first hop that is not itself a
 * trusted proxy, so a client cannot spoof its address by sending its own X-Forwarded-For.
 */
public final class ClientAddressResolver {
    private final List<Cidr> trustedProxies;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        return resolve(peer, request.getHeader("X-Forwarded-For"));
    }

    String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (!trusted(hop)) {
                return Cidr.literal(hop) != null ? hop : peer;
            }
        }
        return peer;
    }

    private boolean trusted(String address) {
        for (Cidr c : trustedProxies) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
