package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;

import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.StreamingEncryption;

/**
 * One blob encrypted as a stream with AES-256-GCM: the ciphertext leaves with each write (the JDK's GCM
 * encrypts as it goes), closing appends the 16-byte tag and the 12-byte nonce, as {@link HashRatchetCipher}'s
 * whole-array payload has them.
 */
final class GcmStreamingEncryption implements StreamingEncryption {
    private static final int TAG_LENGTH = 16;

    private final HashRatchetCiphertext header;
    private final Cipher gcm;
    private final byte[] nonce;
    private boolean used;

    /** @param gcm initialised for encryption with the step's key and {@code nonce} */
    GcmStreamingEncryption(HashRatchetCiphertext header, Cipher gcm, byte[] nonce) {
        this.header = header;
        this.gcm = gcm;
        this.nonce = nonce.clone();
    }

    @Override
    public HashRatchetCiphertext header() {
        return header;
    }

    @Override
    public long payloadLength(long plaintextLength) {
        return plaintextLength + TAG_LENGTH + nonce.length;
    }

    @Override
    public synchronized OutputStream encryptInto(OutputStream payload) {
        if (used) {
            throw new IllegalStateException("a streaming encryption encrypts one blob");
        }
        used = true;
        return new Encrypting(payload);
    }

    private final class Encrypting extends OutputStream {
        private final OutputStream payload;
        private byte[] buffer = new byte[0];
        private boolean closed;

        Encrypting(OutputStream payload) {
            this.payload = payload;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the encrypted payload is already complete");
            }
            int size = gcm.getOutputSize(len);
            if (buffer.length < size) {
                buffer = new byte[size];
            }
            try {
                payload.write(buffer, 0, gcm.update(b, off, len, buffer, 0));
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-256-GCM failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush() throws IOException {
            payload.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                payload.write(gcm.doFinal());
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-256-GCM failed: " + e.getMessage(), e);
            }
            payload.write(nonce);
            payload.flush();
        }
    }
}
