package org.archivist.storage.codex.internal;

import org.archivist.codex.emulator.EmulatorConfig;

/** The test kit's backend contract on two emulated nodes of the current line ({@code /api/storage/v1}). */
class CodexBackendStorageLineContractTest extends CodexBackendContractTest {
    @Override
    String prefix() {
        return EmulatorConfig.STORAGE_PREFIX;
    }
}
