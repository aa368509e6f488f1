package org.archivist.host.reference.internal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;

/** Fresh community keys and settings for tests. */
final class TestCommunities {
    static final SecureRandom RANDOM = new SecureRandom();

    private TestCommunities() {
    }

    static byte[] newKey() {
        return Secp256k1.newPrivateKey(RANDOM);
    }

    static CommunityId idOf(byte[] key) {
        return CommunityId.of(Secp256k1.compressedPublicKey(key));
    }

    static CommunitySettings owned(byte[] key, boolean encrypted, GroupKey... groupKeys) {
        CommunityId id = idOf(key);
        return new CommunitySettings(id, Optional.of(key), CommunitySettings.topicsOf(id, "general", "-memberUpdate"),
                encrypted, true, true, List.of(groupKeys));
    }

    static CommunitySettings joined(CommunityId id, boolean encrypted, GroupKey... groupKeys) {
        return new CommunitySettings(id, Optional.empty(), CommunitySettings.topicsOf(id, "general", "-memberUpdate"),
                encrypted, false, true, List.of(groupKeys));
    }

    static GroupKey groupKey(long timestamp) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new GroupKey(timestamp, k);
    }
}
