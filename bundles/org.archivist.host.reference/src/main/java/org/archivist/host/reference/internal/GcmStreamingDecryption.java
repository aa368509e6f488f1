package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.archivist.api.host.CipherException;

/**
 * AES-256-GCM decryption of a payload in a file ({@code ciphertext || 16-byte tag || 12-byte nonce}, as
 * {@link HashRatchetCipher} writes it) in bounded memory and without releasing unauthenticated plaintext: a
 * first pass computes the tag over the ciphertext ({@link Ghash}, then {@code xor AES_K(J0)}, NIST SP 800-38D
 * with a 96-bit nonce and no additional data) and compares it with the payload's; only then a second pass
 * decrypts with AES/CTR from counter {@code J0 + 1}, which is what GCM's decryption is.
 */
final class GcmStreamingDecryption {
    static final int TAG_LENGTH = 16;
    private static final int CHUNK = 64 * 1024;
    /** GCM's limit on one message: 2^32 - 2 blocks. */
    private static final long MAX_CIPHERTEXT = ((1L << 32) - 2) * 16;

    private GcmStreamingDecryption() {
    }

    /**
     * Authenticates the payload of {@code length} bytes at {@code offset} of {@code file}, then returns a stream
     * of its plaintext.
     *
     * @throws CipherException when the payload is too short or does not authenticate under {@code key}
     */
    static InputStream open(byte[] key, FileChannel file, long offset, long length) throws CipherException {
        int nonceLength = HashRatchetCipher.NONCE_LENGTH;
        if (length < TAG_LENGTH + nonceLength) {
            throw new CipherException("hash-ratchet payload too short: " + length + " bytes");
        }
        long ciphertext = length - TAG_LENGTH - nonceLength;
        if (ciphertext > MAX_CIPHERTEXT) {
            throw new CipherException("hash-ratchet payload of " + length + " bytes exceeds AES-GCM's limit");
        }
        try {
            ByteBuffer end = ByteBuffer.allocate(TAG_LENGTH + nonceLength);
            readFully(file, end, offset + ciphertext);
            byte[] tag = new byte[TAG_LENGTH];
            byte[] nonce = new byte[nonceLength];
            end.flip();
            end.get(tag).get(nonce);
            SecretKeySpec aes = new SecretKeySpec(key, "AES");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, aes);
            byte[] j0 = counter(nonce, 1);
            byte[] expected = ecb.doFinal(j0);
            byte[] computed = tag(new Ghash(ecb.doFinal(new byte[16])), file, offset, ciphertext);
            for (int i = 0; i < TAG_LENGTH; i++) {
                computed[i] ^= expected[i];
            }
            if (!MessageDigest.isEqual(computed, tag)) {
                throw new CipherException("hash-ratchet payload does not authenticate (wrong key or tampered)");
            }
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(counter(nonce, 2)));
            return new Decrypting(file, offset, ciphertext, ctr);
        } catch (IOException e) {
            throw new CipherException("cannot read the hash-ratchet payload: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CipherException("AES-256-GCM failed: " + e.getMessage(), e);
        }
    }

    /** GHASH of the ciphertext and its length block (no additional data). */
    private static byte[] tag(Ghash ghash, FileChannel file, long offset, long length) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        for (long done = 0; done < length; ) {
            chunk.clear().limit((int) Math.min(CHUNK, length - done));
            readFully(file, chunk, offset + done);
            ghash.update(chunk.array(), 0, chunk.position());
            done += chunk.position();
        }
        ghash.block(0, length * 8);
        return ghash.value();
    }

    private static byte[] counter(byte[] nonce, int value) {
        byte[] block = new byte[16];
        System.arraycopy(nonce, 0, block, 0, nonce.length);
        block[12] = (byte) (value >>> 24);
        block[13] = (byte) (value >>> 16);
        block[14] = (byte) (value >>> 8);
        block[15] = (byte) value;
        return block;
    }

    private static void readFully(FileChannel file, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = file.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("the payload ends early (truncated)");
            }
        }
    }

    /** The second pass: the authenticated ciphertext, decrypted chunk by chunk with AES/CTR. */
    private static final class Decrypting extends InputStream {
        private final FileChannel file;
        private final long offset;
        private final long length;
        private final Cipher ctr;
        private final ByteBuffer in = ByteBuffer.allocate(CHUNK);
        private final byte[] out = new byte[CHUNK + 16];
        private long read;
        private int outPosition;
        private int outLimit;

        Decrypting(FileChannel file, long offset, long length, Cipher ctr) {
            this.file = file;
            this.offset = offset;
            this.length = length;
            this.ctr = ctr;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (outPosition == outLimit) {
                if (read == length) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, outLimit - outPosition);
            System.arraycopy(out, outPosition, b, off, n);
            outPosition += n;
            return n;
        }

        @Override
        public int available() {
            return outLimit - outPosition;
        }

        private void fill() throws IOException {
            in.clear().limit((int) Math.min(CHUNK, length - read));
            readFully(file, in, offset + read);
            read += in.position();
            try {
                outLimit = ctr.update(in.array(), 0, in.position(), out, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES/CTR failed: " + e.getMessage(), e);
            }
            outPosition = 0;
        }
    }
}
