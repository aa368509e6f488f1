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
    /** Pieces requested ahead per peer; the system property is a benchmark knob (README). */
    static final int PIECES_IN_FLIGHT = Integer.getInteger("archivist.bt.piecesInFlight", 100);
    /** The message loop's longest idle pass; the system property is a benchmark knob (README). */
    static final long LOOP_MILLIS = Long.getLong("archivist.bt.loopMillis", 1);
    static final Duration PIECE_RECEIVING_TIME = Duration.ofSeconds(30);
    static final Duration MSE_WAIT_BETWEEN_READS = Duration.ofMillis(1);

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
        // Throughput (issue 11): bt waits rather than computes. Its message loop idles up to 100 ms between
        // passes (a few MiB/s on loopback): 1 ms. Each peer has 3 pieces in flight (one 102400-byte piece is
        // 7 blocks, so the pipe drains every round trip): PIECES_IN_FLIGHT.
        config.setMaxMessageProcessingInterval(Duration.ofMillis(LOOP_MILLIS));
        config.setMaxSimultaneouslyAssignedPieces(PIECES_IN_FLIGHT);
        // With many pieces in flight, bt's 5 s assignment timeout livelocks a slow transfer: the assignment times
        // out, bt cancels its requests and makes a new one, but the blocks the seed has queued already keep
        // coming first, none of them for the new assignment, so it times out too, and so on (a 1 MiB/s seed with
        // 100 pieces in flight stopped at 29 of 31 pieces for good; with 30 s it completes). The stall watchdog
        // of BtFetchSession still reconnects after 10 s without a verified piece.
        config.setMaxPieceReceivingTime(PIECE_RECEIVING_TIME);
        // bt's encryption handshake (MSE, used here only to dial a peer that refused plaintext) reads a
        // non-blocking socket and sleeps this long whenever the bytes it needs are not there yet (default 1 s,
        // about a second per handshake step). Incoming connections use IncomingHandshake, which does not poll.
        config.setMseWaitBetweenReads(MSE_WAIT_BETWEEN_READS);
        return config;
    }
}
