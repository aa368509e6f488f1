package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.concurrent.ExecutorService;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import bt.data.ChunkVerifier;
import bt.data.DefaultChunkVerifier;
import bt.data.digest.Digester;
import bt.module.ClientExecutor;
import bt.module.ServiceModule;
import bt.runtime.Config;

/**
 * Adds Archivist's messaging agents to bt: the {@link PeerGuard} (with a piece verifier that reports to it)
 * and the {@link AssignmentRefresher}; and runs torrents on the {@link ProcessingExecutor}.
 */
public final class GuardModule extends AbstractModule {
    private final PeerGuard guard;
    private final AssignmentRefresher refresher;
    private GuardingChunkVerifier verifier;

    private final ProcessingExecutor executor;

    GuardModule(PeerGuard guard, AssignmentRefresher refresher, ProcessingExecutor executor) {
        this.guard = guard;
        this.refresher = refresher;
        this.executor = executor;
    }

    @Override
    protected void configure() {
        ServiceModule.extend(binder()).addMessagingAgent(guard).addMessagingAgent(refresher);
        bind(ExecutorService.class).annotatedWith(ClientExecutor.class).toInstance(executor);
    }

    @Provides
    @Singleton
    public ChunkVerifier chunkVerifier(Config config, Digester digester) {
        verifier = new GuardingChunkVerifier(new DefaultChunkVerifier(digester, config.getNumOfHashingThreads()), guard);
        return verifier;
    }

    GuardingChunkVerifier verifier() {
        return verifier;
    }
}
