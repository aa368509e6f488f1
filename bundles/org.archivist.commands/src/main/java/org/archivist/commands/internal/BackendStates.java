package org.archivist.commands.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * How each storage backend a community names is doing now, read from the registered {@link StorageBackend}
 * services by their {@code storage.type}: UP, STARTING or DOWN with the backend's reason (a failed engine start
 * stays registered and is DOWN), or "not running" when no backend of that type is registered.
 */
final class BackendStates {
    static final String NOT_RUNNING = "not running";

    private BackendStates() {
    }

    /** Each named backend's state line, in name order. */
    static Map<String, String> of(BundleContext context, Collection<String> types) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String type : new TreeSet<>(types)) {
            states.put(type, describe(status(context, type)));
        }
        return states;
    }

    /** The backends among {@code types} that are not UP (DOWN, STARTING or not running). */
    static Set<String> notUp(BundleContext context, Collection<String> types) {
        Set<String> notUp = new TreeSet<>();
        for (String type : types) {
            BackendStatus s = status(context, type);
            if (s == null || s.state() != BackendStatus.State.UP) {
                notUp.add(type);
            }
        }
        return notUp;
    }

    static String describe(BackendStatus s) {
        if (s == null) {
            return NOT_RUNNING;
        }
        return s.detail().isEmpty() ? s.state().name() : s.state() + ": " + s.detail();
    }

    /** The status of the backend of that type, null when none is registered. */
    static BackendStatus status(BundleContext context, String type) {
        if (context == null) {
            return null;
        }
        Collection<ServiceReference<StorageBackend>> refs;
        try {
            refs = context.getServiceReferences(StorageBackend.class,
                    "(" + StorageBackend.TYPE_PROPERTY + "=" + type.replaceAll("[()*\\\\]", "") + ")");
        } catch (InvalidSyntaxException e) {
            return null;
        }
        for (ServiceReference<StorageBackend> ref : refs) {
            StorageBackend backend = context.getService(ref);
            if (backend == null) {
                continue;
            }
            try {
                return backend.status();
            } catch (RuntimeException e) {
                return BackendStatus.down("its status cannot be read: " + e);
            } finally {
                context.ungetService(ref);
            }
        }
        return null;
    }
}
