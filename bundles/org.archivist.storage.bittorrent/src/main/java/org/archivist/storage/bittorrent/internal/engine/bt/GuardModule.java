package org.archivist.storage.bittorrent.internal.engine.bt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.concurrent.ExecutorService;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import bt.data.ChunkVerifier;
import bt.event.EventSource;
import bt.module.BitTorrentProtocol;
import bt.module.PeerConnectionSelector;
import bt.net.DataReceiver;
import bt.net.IConnectionHandlerFactory;
import bt.net.IPeerConnectionFactory;
import bt.net.PeerConnectionFactory;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.protocol.Message;
import bt.protocol.handler.MessageHandler;
import bt.torrent.TorrentRegistry;
import bt.data.DefaultChunkVerifier;
import bt.data.digest.Digester;
import bt.module.ClientExecutor;
import bt.module.ServiceModule;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.service.LifecycleBinding;
import bt.service.IRuntimeLifecycleBinder.LifecycleEvent;

/**
 * Adds Archivist's messaging agents to bt: the {@link PeerGuard} (with a piece verifier that reports to it, and
 * the hashes of the blocks each connection delivers, taken on the wire by {@link GuardedProtocol}) and the
 * {@link AssignmentRefresher}, and the {@link StaleCancelCleaner} (a seed serves a block asked for again after a
 * cancel); runs torrents on the {@link ProcessingExecutor}; and dials peers with a
 * plaintext handshake first ({@link PlaintextFirstConnectionFactory}), with the node's rate limits on the
 * wire ({@link RateLimitedProtocol}). bt lets a custom module override its
 * standard bindings.
 */
public final class GuardModule extends AbstractModule {
    private final PeerGuard guard;
    private final AssignmentRefresher refresher;
    private GuardingChunkVerifier verifier;

    private final ProcessingExecutor executor;
    private final TokenBucket download;
    private final TokenBucket upload;

    GuardModule(PeerGuard guard, AssignmentRefresher refresher, ProcessingExecutor executor, TokenBucket download,
            TokenBucket upload) {
        this.guard = guard;
        this.refresher = refresher;
        this.executor = executor;
        this.download = download;
        this.upload = upload;
    }

    @Override
    protected void configure() {
        ServiceModule.extend(binder()).addMessagingAgent(guard).addMessagingAgent(refresher)
                .addMessagingAgent(new StaleCancelCleaner());
        bind(ExecutorService.class).annotatedWith(ClientExecutor.class).toInstance(executor);
    }

    /** bt's connection selector, registering new connections without spinning ({@link RegisteringSelector}). */
    @Provides
    @Singleton
    @PeerConnectionSelector
    public SharedSelector selector(IRuntimeLifecycleBinder lifecycle) {
        SharedSelector selector;
        try {
            selector = new RegisteringSelector(Selector.open());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the connection selector", e);
        }
        lifecycle.addBinding(LifecycleEvent.SHUTDOWN, LifecycleBinding.bind(() -> {
            try {
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the connection selector", e);
            }
        }).description("Shutdown selector").build());
        return selector;
    }

    @Provides
    @Singleton
    public ChunkVerifier chunkVerifier(Config config, Digester digester) {
        verifier = new GuardingChunkVerifier(new DefaultChunkVerifier(digester, config.getNumOfHashingThreads()), guard);
        return verifier;
    }

    @Provides
    @Singleton
    public IPeerConnectionFactory peerConnectionFactory(@PeerConnectionSelector SharedSelector selector,
            IConnectionHandlerFactory handlers, @BitTorrentProtocol MessageHandler<Message> protocol,
            TorrentRegistry torrents, IChannelPipelineFactory pipelines, IBufferManager buffers,
            DataReceiver receiver, EventSource events, Config config) {
        MessageHandler<Message> limited = download.limited() || upload.limited()
                ? new RateLimitedProtocol(protocol, download, upload) : protocol;
        MessageHandler<Message> wire = new GuardedProtocol(limited, guard);
        Config plain = new Config(config);
        plain.setMseDisabled(true);
        HandshakeHandoff handoff = new HandshakeHandoff();
        return new PlaintextFirstConnectionFactory(
                new PeerConnectionFactory(selector, handlers, pipelines, wire, torrents, buffers, receiver, events,
                        plain),
                new PeerConnectionFactory(selector, handlers, pipelines, wire, torrents, buffers, receiver, events,
                        config),
                new PeerConnectionFactory(selector, handlers, handoff.pipelines(pipelines), wire, torrents,
                        handoff.buffers(buffers), receiver, events, plain),
                handoff, torrents);
    }

    GuardingChunkVerifier verifier() {
        return verifier;
    }
}
