package org.archivist.monitoring.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MBeans this bundle registered, by object name, so that each is unregistered exactly once. */
final class MBeans implements AutoCloseable {
    static final String DOMAIN = "org.archivist";
    private static final Logger LOG = LoggerFactory.getLogger(MBeans.class);

    private final MBeanServer server;
    private final Map<ObjectName, Object> registered = new ConcurrentHashMap<>();

    MBeans(MBeanServer server) {
        this.server = server;
    }

    static ObjectName name(String type, String name) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",name=" + ObjectName.quote(name));
        } catch (JMException e) {
            throw new IllegalArgumentException("bad MBean name " + type + "/" + name, e);
        }
    }

    boolean has(ObjectName name) {
        return registered.containsKey(name);
    }

    <T> void register(ObjectName name, T bean, Class<T> type) {
        if (registered.putIfAbsent(name, bean) != null) {
            return;
        }
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            // a dynamic MBean is its own management interface; wrapped in a StandardMBean of DynamicMBean it
            // would show no attribute but MBeanInfo
            server.registerMBean(bean instanceof javax.management.DynamicMBean dynamic ? dynamic
                    : new StandardMBean(bean, type), name);
        } catch (JMException e) {
            registered.remove(name);
            LOG.error("cannot register the MBean {}: {}", name, e.getMessage());
        }
    }

    void unregister(ObjectName name) {
        if (registered.remove(name) == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("MBean {} already gone: {}", name, e.getMessage());
        }
    }

    Iterable<ObjectName> names() {
        return registered.keySet();
    }

    @Override
    public void close() {
        registered.keySet().forEach(this::unregister);
    }
}
