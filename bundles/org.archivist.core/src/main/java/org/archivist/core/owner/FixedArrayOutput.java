package org.archivist.core.owner;

import java.io.IOException;
import java.io.OutputStream;

/** An output stream into one array of a known length; writing past it is an error, not a reallocation. */
final class FixedArrayOutput extends OutputStream {
    private final byte[] array;
    private int position;

    FixedArrayOutput(int length) {
        this.array = new byte[length];
    }

    @Override
    public void write(int b) throws IOException {
        ensure(1);
        array[position++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensure(len);
        System.arraycopy(b, off, array, position, len);
        position += len;
    }

    private void ensure(int len) throws IOException {
        if (len > array.length - position) {
            throw new StoreChangedException("the archive grew past its planned " + array.length + " bytes");
        }
    }

    /** The array, once it is full. */
    byte[] array() throws StoreChangedException {
        if (position != array.length) {
            throw new StoreChangedException("the archive has " + position + " bytes, not the planned " + array.length);
        }
        return array;
    }
}
