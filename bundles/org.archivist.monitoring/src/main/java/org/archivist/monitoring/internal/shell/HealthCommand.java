package org.archivist.monitoring.internal.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code archive:health}: runs Archivist's Felix health checks (each backend, the scheduler) right here, without
 * the Felix HC executor and its HTTP service; prints each result with its reasons, and fails (a non-zero exit
 * for {@code bin/client}) when one is CRITICAL or could not run.
 */
@Service
@Command(scope = "archive", name = "health", description = "Runs Archivist's health checks (each storage backend,"
        + " the scheduler) and prints their results; fails when one is CRITICAL or cannot run")
public class HealthCommand implements Action {
    static final String DEFAULT_TAG = "archivist";

    @Reference
    private BundleContext context;

    @Option(name = "--tag", description = "Run the checks carrying this tag (archivist, archivist-backend,"
            + " archivist-scheduler, or any other health check's tag)")
    private String tag = DEFAULT_TAG;

    @Option(name = "--timeout", description = "Seconds each check may take")
    private int timeoutSeconds = 10;

    @Override
    public Object execute() throws Exception {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        List<HealthRun.Named> checks = new ArrayList<>();
        List<ServiceReference<HealthCheck>> refs = references(tag);
        try {
            for (ServiceReference<HealthCheck> ref : refs) {
                HealthCheck check = context.getService(ref);
                if (check != null) {
                    checks.add(new HealthRun.Named(name(ref), check));
                }
            }
            if (checks.isEmpty()) {
                throw new IllegalStateException("no health check is registered with the tag '" + tag + "' (is the"
                        + " archivist-monitoring feature installed?)");
            }
            List<HealthRun.Outcome> outcomes = HealthRun.run(checks, Duration.ofSeconds(timeoutSeconds));
            HealthRun.print(outcomes, System.out);
            Result.Status worst = HealthRun.worst(outcomes);
            if (HealthRun.failing(worst)) {
                throw new IllegalStateException("Archivist is not healthy: " + worst);
            }
            return null;
        } finally {
            for (ServiceReference<HealthCheck> ref : refs) {
                context.ungetService(ref);
            }
        }
    }

    private List<ServiceReference<HealthCheck>> references(String wanted) throws InvalidSyntaxException {
        Collection<ServiceReference<HealthCheck>> all = context.getServiceReferences(HealthCheck.class, null);
        List<ServiceReference<HealthCheck>> tagged = new ArrayList<>();
        for (ServiceReference<HealthCheck> ref : all) {
            if (tags(ref.getProperty(HealthCheck.TAGS)).contains(wanted)) {
                tagged.add(ref);
            }
        }
        return tagged;
    }

    static List<String> tags(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (property instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String name(ServiceReference<HealthCheck> ref) {
        Object n = ref.getProperty(HealthCheck.NAME);
        return n == null ? "health check " + ref.getProperty("service.id") : n.toString();
    }
}
