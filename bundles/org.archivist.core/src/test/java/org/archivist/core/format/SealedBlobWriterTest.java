package org.archivist.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Random;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.StreamingEncryption;
import org.junit.jupiter.api.Test;

/**
 * A blob sealed as a stream is byte for byte the blob {@link ArchiveEnvelope#seal} makes of the same ciphertext,
 * across the varint boundaries of every nested length, with and without an installation id; a cipher or an
 * encoder that breaks its announced length is an error, never a blob of another length.
 */
class SealedBlobWriterTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "ab".repeat(32));

    @Test
    void aStreamSealsTheSameBytesAsTheWholeArray() throws Exception {
        Random random = new Random(3);
        for (String installation : new String[] {"", "0f3c-installation"}) {
            for (int length : new int[] {0, 1, 90, 100, 127, 128, 16_250, 16_383, 16_384, 70_000, 2_097_200}) {
                byte[] plain = new byte[length];
                random.nextBytes(plain);
                XorCipher cipher = new XorCipher(installation);
                byte[] whole = ArchiveEnvelope.seal(COMMUNITY, plain, cipher);
                SealedBlobWriter sealed = new SealedBlobWriter(cipher.encryptStreaming(COMMUNITY).orElseThrow(),
                        length, out -> out.write(plain));
                ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                sealed.writeTo(streamed);
                assertEquals(whole.length, sealed.length(), "length of " + length + " bytes sealed");
                assertArrayEquals(whole, streamed.toByteArray(), length + " bytes, installation '" + installation + "'");
                assertArrayEquals(plain, ArchiveEnvelope.unseal(COMMUNITY, streamed.toByteArray(), Optional.of(cipher)));
            }
        }
    }

    @Test
    void aCipherOrAnEncoderThatBreaksItsLengthIsAnError() throws Exception {
        StreamingEncryption lying = new XorCipher("") {
            @Override
            public long payloadLength(long plaintextLength) {
                return super.payloadLength(plaintextLength) + 1;
            }
        };
        IOException e = assertThrows(IOException.class, () -> new SealedBlobWriter(lying, 10,
                out -> out.write(new byte[10])).writeTo(new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("cipher"), e.getMessage());
        XorCipher honest = new XorCipher("");
        e = assertThrows(IOException.class, () -> new SealedBlobWriter(honest, 10, out -> out.write(new byte[9]))
                .writeTo(new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("plaintext"), e.getMessage());
        assertThrows(IOException.class, () -> new SealedBlobWriter(new XorCipher(""), 10,
                out -> out.write(new byte[11])).writeTo(new ByteArrayOutputStream()));
    }

    /** A deterministic cipher: the payload is the plaintext XOR 0x5a followed by a 5-byte trailer. */
    private static class XorCipher implements ArchiveCipher, StreamingEncryption {
        private static final byte[] TRAILER = {9, 8, 7, 6, 5};
        private final HashRatchetCiphertext header;

        XorCipher(String installation) {
            header = new HashRatchetCiphertext(installation, COMMUNITY.bytes(), new byte[32], 1_700_000_000, 300,
                    new byte[0]);
        }

        @Override
        public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) {
            byte[] payload = new byte[plaintext.length + TRAILER.length];
            for (int i = 0; i < plaintext.length; i++) {
                payload[i] = (byte) (plaintext[i] ^ 0x5a);
            }
            System.arraycopy(TRAILER, 0, payload, plaintext.length, TRAILER.length);
            return new HashRatchetCiphertext(header.installationId(), header.groupId(), header.keyId(),
                    header.deprecatedKeyId(), header.seqNo(), payload);
        }

        @Override
        public byte[] decrypt(CommunityId community, HashRatchetCiphertext c) {
            byte[] plain = new byte[c.payload().length - TRAILER.length];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (byte) (c.payload()[i] ^ 0x5a);
            }
            return plain;
        }

        @Override
        public Optional<StreamingEncryption> encryptStreaming(CommunityId community) {
            return Optional.of(this);
        }

        @Override
        public HashRatchetCiphertext header() {
            return header;
        }

        @Override
        public long payloadLength(long plaintextLength) {
            return plaintextLength + TRAILER.length;
        }

        @Override
        public OutputStream encryptInto(OutputStream payload) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    payload.write(b ^ 0x5a);
                }

                @Override
                public void close() throws IOException {
                    payload.write(TRAILER);
                }
            };
        }
    }
}
