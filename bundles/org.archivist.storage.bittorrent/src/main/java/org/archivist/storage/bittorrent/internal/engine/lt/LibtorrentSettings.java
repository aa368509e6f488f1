package org.archivist.storage.bittorrent.internal.engine.lt;

import java.net.Inet6Address;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.swig.settings_pack;

/**
 * libtorrent's settings for an {@link EngineSettings}: the listen address and port, DHT only when asked (and
 * bootstrapped through the public routers only when asked), never local service discovery, UPnP or NAT-PMP, TCP
 * only (uTP is slow on loopback and bt spoke TCP alone), encryption allowed both ways (plaintext or RC4, as the
 * other side prefers), several peers on one address (tests and nodes on one host), the node's rate limits.
 */
final class LibtorrentSettings {
    /** Piece-finished alerts of a 200 MB set (2000 pieces) and the rest fit without drops. */
    private static final int ALERT_QUEUE = 20_000;
    /** libtorrent dials queued peers on its tick (500 ms by default): a member's first connection waits less. */
    private static final int TICK_MILLIS = 100;
    private static final String OVERRIDE_PREFIX = "archivist.lt.";

    private LibtorrentSettings() {
    }

    static SettingsPack of(EngineSettings settings, int port) {
        SettingsPack pack = new SettingsPack();
        String host = settings.bindAddress().getHostAddress();
        String listen = settings.bindAddress() instanceof Inet6Address ? "[" + host + "]" : host;
        pack.listenInterfaces(listen + ":" + port);
        if (!settings.bindAddress().isAnyLocalAddress()) {
            pack.setString(settings_pack.string_types.outgoing_interfaces.swigValue(), host);
        }
        pack.setEnableDht(settings.dht());
        if (!settings.dhtBootstrap()) {
            pack.setDhtBootstrapNodes("");
        }
        pack.setEnableLsd(false);
        pack.setBoolean(settings_pack.bool_types.enable_upnp.swigValue(), false);
        pack.setBoolean(settings_pack.bool_types.enable_natpmp.swigValue(), false);
        pack.setBoolean(settings_pack.bool_types.enable_outgoing_utp.swigValue(), false);
        pack.setBoolean(settings_pack.bool_types.enable_incoming_utp.swigValue(), false);
        pack.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
        pack.setInteger(settings_pack.int_types.out_enc_policy.swigValue(),
                settings_pack.enc_policy.pe_enabled.swigValue());
        pack.setInteger(settings_pack.int_types.in_enc_policy.swigValue(),
                settings_pack.enc_policy.pe_enabled.swigValue());
        pack.setInteger(settings_pack.int_types.allowed_enc_level.swigValue(),
                settings_pack.enc_level.pe_both.swigValue());
        // a member that has its wanted pieces asks for more later (the index first, then archive by archive): keep
        // its connections to seeds, which libtorrent would close as redundant once nothing more is wanted
        pack.setBoolean(settings_pack.bool_types.close_redundant_connections.swigValue(), false);
        // and a peer whose connection was closed may be dialled again after 2 s (libtorrent's default is 60 s, longer
        // than a download waits before its peer hints are dialled again)
        pack.setInteger(settings_pack.int_types.min_reconnect_time.swigValue(), 2);
        pack.connectionsLimit(settings.maxPeers());
        pack.tickInterval(TICK_MILLIS);
        pack.downloadRateLimit(rate(settings.downloadRateLimit()));
        pack.uploadRateLimit(rate(settings.uploadRateLimit()));
        pack.alertQueueSize(ALERT_QUEUE);
        applyOverrides(pack, System.getProperties());
        return pack;
    }

    /**
     * Benchmark knobs: a system property {@code archivist.lt.<libtorrent setting name>=<value>} sets that setting
     * (boolean, integer or string, as libtorrent names it: {@code archivist.lt.tick_interval=100}). Unknown names
     * and values of the wrong type are refused with the accepted forms.
     */
    static void applyOverrides(SettingsPack pack, java.util.Properties properties) {
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(OVERRIDE_PREFIX)) {
                continue;
            }
            String name = key.substring(OVERRIDE_PREFIX.length());
            String value = properties.getProperty(key);
            if (set(pack, settings_pack.bool_types.class, name, v -> pack.setBoolean(v, parseBoolean(key, value)))
                    || set(pack, settings_pack.int_types.class, name, v -> pack.setInteger(v, parseInt(key, value)))
                    || set(pack, settings_pack.string_types.class, name, v -> pack.setString(v, value))) {
                continue;
            }
            throw new IllegalArgumentException(key + ": libtorrent has no setting '" + name + "'");
        }
    }

    private static boolean set(SettingsPack pack, Class<?> kind, String name, java.util.function.IntConsumer apply) {
        try {
            java.lang.reflect.Field field = kind.getField(name);
            Object constant = field.get(null);
            apply.accept((Integer) kind.getMethod("swigValue").invoke(constant));
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read libtorrent setting " + name, e);
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    /** libtorrent's limits are ints (bytes per second, 0 = none). */
    private static int rate(long bytesPerSecond) {
        return (int) Math.min(Integer.MAX_VALUE, bytesPerSecond);
    }
}
