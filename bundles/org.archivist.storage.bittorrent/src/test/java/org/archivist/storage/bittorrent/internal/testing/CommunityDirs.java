package org.archivist.storage.bittorrent.internal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Status-shaped community directories ({@code <root>/<cid>/data} and {@code index}) with random content. */
public final class CommunityDirs {
    public static final String CID = "0x02" + "ab".repeat(32);
    public static final String OTHER_CID = "0x03" + "cd".repeat(32);

    private CommunityDirs() {
    }

    public static Path write(Path root, String cid, int dataBytes, int indexBytes, long seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(cid));
        Random random = new Random(seed);
        Files.write(dir.resolve("data"), bytes(random, dataBytes));
        Files.write(dir.resolve("index"), bytes(random, indexBytes));
        return dir;
    }

    public static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
