package org.archivist.scheduler.internal;

import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.testkit.StorageBackendContract;

/** The test kit's contract, passed by the third (SLOT) test backend the scheduler tests drive. */
class InMemoryBackendContractTest extends StorageBackendContract {
    private final InMemoryBackend backend = InMemoryBackend.slots("slots");

    @Override
    protected StorageBackend owner() {
        return backend;
    }

    @Override
    protected StorageBackend member() {
        return backend;
    }
}
