package org.archivist.storage.bittorrent.internal.engine.bt;

import java.time.Duration;

import org.archivist.storage.bittorrent.internal.engine.EngineSettings;

import bt.dht.DHTConfig;
import bt.dht.DHTModule;
import bt.protocol.crypto.EncryptionPolicy;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;

/**
 * Builds the one bt runtime of an engine from its settings: bt's configuration (tuned for throughput, see
 * the bundle README), peer exchange and local service discovery off, modules passed explicitly (never
 * ServiceLoader), the DHT bound where the acceptor is.
 */
final class BtRuntimeFactory {
    private BtRuntimeFactory() {
    }

    static BtRuntime build(EngineSettings settings, int port, GuardModule guardModule) {
        BtRuntimeBuilder builder = BtRuntime.builder(config(settings, port))
                .module(guardModule)
                .disablePeerExchange()
                .disableLocalServiceDiscovery()
                .disableAutomaticShutdown();
        if (settings.dht()) {
            DHTConfig dht = new DHTConfig();
            dht.setListeningPort(port);
            dht.setShouldUseRouterBootstrap(settings.dhtBootstrap());
            builder.module(new DHTModule(dht));
        }
        return builder.build();
    }

    static Config config(EngineSettings settings, int port) {
        Config config = new Config();
        config.setAcceptorAddress(settings.bindAddress());
        config.setAcceptorPort(port);
        config.setMaxPeerConnections(settings.maxPeers());
        config.setMaxPeerConnectionsPerTorrent(settings.maxPeers());
        config.setMaxConcurrentlyActivePeerConnectionsPerTorrent(Math.min(settings.maxPeers(), 20));
        config.setNumOfHashingThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        config.setUnreachablePeerBanDuration(Duration.ofSeconds(15));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(10));
        config.setPeerDiscoveryInterval(Duration.ofSeconds(2));
        config.setShutdownHookTimeout(Duration.ofSeconds(5));
        config.setTimeoutedAssignmentPeerBanDuration(Duration.ofSeconds(5));
        config.setEncryptionPolicy(EncryptionPolicy.PREFER_PLAINTEXT);
        // bt's default idles its message loop up to 100 ms, which caps a loopback or LAN transfer at a few MiB/s.
        // (Its encryption handshake polls every second; shortening that breaks the handshake's variable-length
        // padding reads, so it stays.)
        config.setMaxMessageProcessingInterval(Duration.ofMillis(10));
        return config;
    }
}
