package org.archivist.monitoring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;

/**
 * One backend as a read-only dynamic MBean ({@code org.archivist:type=Backend,name=<type>}): {@code Type},
 * {@code State}, {@code Up}, {@code Detail}, and one attribute per metric the backend reports (numbers stay numbers, so
 * that JMX exporters can scrape them).
 */
final class BackendMetrics implements DynamicMBean {
    private final Supplier<BackendSnapshot> snapshot;

    BackendMetrics(Supplier<BackendSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        BackendSnapshot s = snapshot.get();
        return switch (name) {
            case "Type" -> s.type();
            case "State" -> s.state().name();
            case "Up" -> s.state() == BackendSnapshot.State.UP;
            case "Detail" -> s.detail();
            default -> {
                Object v = s.metrics().get(name);
                if (v == null) {
                    throw new AttributeNotFoundException(name);
                }
                yield openValue(v);
            }
        };
    }

    private static Object openValue(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v);
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String n : names) {
            try {
                list.add(new Attribute(n, getAttribute(n)));
            } catch (AttributeNotFoundException ignored) {
                // not reported now
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        BackendSnapshot s = snapshot.get();
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        attributes.add(info("Type", String.class, "The backend's storage.type"));
        attributes.add(info("State", String.class, "STARTING, UP or DOWN"));
        attributes.add(info("Up", Boolean.class, "Serving calls now (BitTorrent: the engine is listening; Codex: the"
                + " node answers)"));
        attributes.add(info("Detail", String.class, "Why it is not UP, or what it is connected to"));
        for (Map.Entry<String, Object> m : s.metrics().entrySet()) {
            attributes.add(info(m.getKey(), openValue(m.getValue()).getClass(), "Reported by the backend"));
        }
        return new MBeanInfo(getClass().getName(), "Archivist storage backend " + s.type(),
                attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    private static MBeanAttributeInfo info(String name, Class<?> type, String description) {
        return new MBeanAttributeInfo(name, type.getName(), description, true, false, false);
    }
}
