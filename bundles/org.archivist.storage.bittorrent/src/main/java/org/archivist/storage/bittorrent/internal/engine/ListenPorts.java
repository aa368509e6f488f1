package org.archivist.storage.bittorrent.internal.engine;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The listen-port checks both engines make before they start: pick a free port when the settings ask for one, and
 * check that a chosen one is free (TCP, and UDP too when the DHT runs) so a start fails with a clear message. Public
 * only because the engines live in sub-packages; the package is internal and not exported.
 */
public final class ListenPorts {

    private ListenPorts() {
    }

    /** A TCP port free now on the settings' bind address. */
    public static int free(EngineSettings settings) throws EngineException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(settings.bindAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EngineException("cannot find a free port on " + settings.bindAddress() + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** Fails, saying which, unless the TCP port (and the DHT's UDP port when the DHT runs) can be bound. */
    public static void requireFree(EngineSettings settings, int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(settings.bindAddress(), port));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + settings.bindAddress().getHostAddress() + ":" + port + " ("
                    + e.getMessage() + "): is another node using that port?", e);
        }
        if (settings.dht()) {
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(new InetSocketAddress(settings.bindAddress(), port));
            } catch (IOException e) {
                throw new IOException("cannot bind the DHT's UDP port " + settings.bindAddress().getHostAddress()
                        + ":" + port + " (" + e.getMessage() + ")", e);
            }
        }
    }
}
