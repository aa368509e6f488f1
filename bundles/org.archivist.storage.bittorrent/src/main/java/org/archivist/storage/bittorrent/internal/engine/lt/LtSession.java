package org.archivist.storage.bittorrent.internal.engine.lt;

import java.util.List;

import org.libtorrent4j.AlertListener;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.Alerts;
import org.libtorrent4j.swig.alert;
import org.libtorrent4j.swig.alert_category_t;
import org.libtorrent4j.swig.alert_ptr_vector;
import org.libtorrent4j.swig.session;
import org.libtorrent4j.swig.settings_pack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libtorrent session and the thread that hands its alerts to listeners. libtorrent4j's {@code SessionManager}
 * does the same but sleeps 750 ms in every stop and polls alerts every 500 ms, which a whole-process
 * {@code archivist fetch} pays in full; here the loop wakes on each alert and a stop takes what libtorrent takes.
 */
final class LtSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LtSession.class);
    private static final long WAIT_MILLIS = 200;

    private final session session;
    private final List<AlertListener> listeners;
    private final Thread loop;
    private volatile boolean running = true;

    private LtSession(session session, List<AlertListener> listeners, String name) {
        this.session = session;
        this.listeners = List.copyOf(listeners);
        this.loop = new Thread(this::deliverAlerts, name);
        this.loop.setDaemon(true);
    }

    /** Starts a session with these settings (the alert mask added) and delivers its alerts to the listeners. */
    static LtSession start(SettingsPack pack, List<AlertListener> listeners, String threadName) {
        pack.setInteger(settings_pack.int_types.alert_mask.swigValue(), alertMask().to_int());
        SessionParams params = new SessionParams(pack);
        // pread/pwrite, not libtorrent 2.0's default memory-mapped disk I/O: that one installs a SIGSEGV/SIGBUS
        // handler of its own (for faults on mapped files), which replaces the JVM's; the JVM raises SIGSEGV on
        // purpose (implicit null checks in compiled code), and after the first download the process died of it
        params.setPosixDiskIO();
        LtSession s = new LtSession(new session(params.swig()), listeners, threadName);
        s.loop.start();
        return s;
    }

    /** What the engine reads: errors, status (metadata, checks, listen), pieces, storage (flushes), peers (bans). */
    private static alert_category_t alertMask() {
        return Alert.ERROR_NOTIFICATION.or_(Alert.STATUS_NOTIFICATION).or_(Alert.PIECE_PROGRESS_NOTIFICATION)
                .or_(Alert.STORAGE_NOTIFICATION).or_(Alert.PEER_NOTIFICATION).or_(Alert.IP_BLOCK_NOTIFICATION);
    }

    session swig() {
        return session;
    }

    private void deliverAlerts() {
        alert_ptr_vector batch = new alert_ptr_vector();
        while (running) {
            if (session.wait_for_alert_ms(WAIT_MILLIS) == null) {
                continue;
            }
            session.pop_alerts(batch);
            for (int i = 0, n = (int) batch.size(); i < n && running; i++) {
                deliver(batch.get(i));
            }
            batch.clear();
        }
    }

    private void deliver(alert a) {
        int type = a.type();
        Alert<?> cast = null;
        for (AlertListener listener : listeners) {
            int[] types = listener.types();
            if (types != null && !contains(types, type)) {
                continue;
            }
            try {
                if (cast == null) {
                    cast = Alerts.cast(a);
                }
                listener.alert(cast);
            } catch (RuntimeException e) {
                LOG.warn("an alert listener failed on {}: {}", a.what(), e.toString(), e);
            }
        }
    }

    private static boolean contains(int[] types, int type) {
        for (int t : types) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }

    /** Stops the alert thread, then the session (libtorrent closes connections and files). */
    @Override
    public void close() {
        running = false;
        session.post_session_stats(); // wakes the alert thread at once
        try {
            loop.join(2 * WAIT_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.delete();
    }
}
