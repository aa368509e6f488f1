package org.archivist.storage.bittorrent.internal;

import java.nio.file.Path;
import java.util.List;

import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.archivist.storage.testkit.StorageBackendContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's contract on loopback: an owner seeding and a member fetching through real engines. */
class BitTorrentBackendContractTest extends StorageBackendContract {
    @TempDir
    Path tmp;
    private BitTorrentBackend owner;
    private BitTorrentBackend member;

    @BeforeEach
    void start() throws Exception {
        owner = Backends.start(tmp.resolve("owner"), List.of());
        member = Backends.start(tmp.resolve("member"), List.of("127.0.0.1:" + owner.port()));
    }

    @AfterEach
    void stop() {
        member.close();
        owner.close();
    }

    @Override
    protected StorageBackend owner() {
        return owner;
    }

    @Override
    protected StorageBackend member() {
        return member;
    }
}
