package org.archivist.monitoring.internal.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;

/**
 * Runs health checks directly (no Felix HC executor, so no HTTP service needed), each on its own thread with a
 * timeout; a check that throws or overruns is a {@code HEALTH_CHECK_ERROR} with the reason, as the Felix
 * executor reports it.
 */
final class HealthRun {
    /** One check's outcome: its name, its overall status and its log lines (debug lines left out). */
    record Outcome(String name, Result.Status status, List<String> lines) {
    }

    /** A check and the name it is registered under. */
    record Named(String name, HealthCheck check) {
    }

    private HealthRun() {
    }

    static List<Outcome> run(List<Named> checks, Duration timeout) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "archivist-health-command");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Named n : checks) {
                futures.add(pool.submit(n.check()::execute));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                outcomes.add(outcome(checks.get(i).name(), futures.get(i), deadline, timeout));
            }
            outcomes.sort(Comparator.comparing(Outcome::name));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(String name, Future<Result> future, long deadline, Duration timeout) {
        try {
            Result r = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            List<String> lines = new ArrayList<>();
            for (ResultLog.Entry e : r) {
                if (e.getStatus() != Result.Status.OK || !e.isDebug()) {
                    lines.add(e.getStatus() + " " + e.getMessage()
                            + (e.getException() == null ? "" : " (" + e.getException() + ")"));
                }
            }
            return new Outcome(name, r.getStatus(), lines);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(name, Result.Status.HEALTH_CHECK_ERROR,
                    List.of("did not answer within " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(name, Result.Status.HEALTH_CHECK_ERROR, List.of("the check failed: " + cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(name, Result.Status.HEALTH_CHECK_ERROR, List.of("interrupted"));
        }
    }

    /** The worst status of all, OK for none. */
    static Result.Status worst(List<Outcome> outcomes) {
        Result.Status worst = Result.Status.OK;
        for (Outcome o : outcomes) {
            if (o.status().ordinal() > worst.ordinal()) {
                worst = o.status();
            }
        }
        return worst;
    }

    /** CRITICAL, or a check that could not run: the command fails. */
    static boolean failing(Result.Status status) {
        return status == Result.Status.CRITICAL || status == Result.Status.HEALTH_CHECK_ERROR;
    }

    static void print(List<Outcome> outcomes, PrintStream out) {
        for (Outcome o : outcomes) {
            out.printf("%-19s %s%n", o.status(), o.name());
            for (String line : o.lines()) {
                out.println("    " + line);
            }
        }
        out.println("Overall: " + worst(outcomes) + " (" + outcomes.size() + " checks)");
    }
}
