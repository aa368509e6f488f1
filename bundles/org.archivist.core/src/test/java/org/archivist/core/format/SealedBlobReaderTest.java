package org.archivist.core.format;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.core.testing.TestCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsealing a blob in a file agrees with unsealing it in memory, on valid, mutated and truncated blobs. */
class SealedBlobReaderTest {
    private final Optional<ArchiveCipher> cipher = Optional.of(new TestCipher(1, new byte[32], "owner-install"));
    private final Random random = new Random(3);

    @TempDir
    Path dir;

    @Test
    void agreesWithTheInMemoryEnvelope() throws Exception {
        byte[] plain = new byte[700];
        random.nextBytes(plain);
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, plain, cipher.get());
        assertArrayEquals(plain, fromFile(sealed, 5).orElseThrow());
        byte[] archive = ArchiveCodec.encode(org.archivist.core.testing.Fixtures.metadata(100, 200), java.util.List.of());
        assertArrayEquals(archive, fromFile(archive, 0).orElseThrow(), "a plain blob passes through");
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = i % 10 == 0 ? Arrays.copyOf(sealed, random.nextInt(sealed.length)) : sealed.clone();
            if (i % 10 != 0) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Optional<byte[]> expected = inMemory(mutated);
            Optional<byte[]> actual = fromFile(mutated, random.nextInt(9));
            assertEquals(expected.isPresent(), actual.isPresent(), "mutation " + i);
            expected.ifPresent(e -> assertArrayEquals(e, actual.get(), "mutation"));
        }
    }

    private Optional<byte[]> inMemory(byte[] blob) {
        try {
            return Optional.of(ArchiveEnvelope.unseal(COMMUNITY, blob, cipher));
        } catch (InvalidArchiveException | CipherException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> fromFile(byte[] blob, int before) throws Exception {
        byte[] file = new byte[before + blob.length + 3];
        random.nextBytes(file);
        System.arraycopy(blob, 0, file, before, blob.length);
        Path f = Files.write(Files.createTempFile(dir, "blob", ""), file);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
                InputStream in = SealedBlobReader.plaintext(COMMUNITY, ch, before, blob.length, cipher,
                        DecodeLimits.DEFAULT)) {
            return Optional.of(in.readAllBytes());
        } catch (InvalidArchiveException | CipherException e) {
            return Optional.empty();
        } catch (Exception e) {
            fail("not a typed rejection: " + e, e);
            return Optional.empty();
        }
    }
}
