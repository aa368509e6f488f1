package org.archivist.tool.codex;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.client.DownloadOptions;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-codex}: uploads and downloads the same payload through the Java client and through
 * curl against one emulated node (run in its own process, so this JVM holds only the client), and prints the
 * throughput of each, their ratio and the client's peak heap.
 */
public final class CodexBenchCommand implements Command {
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "bench-codex";
    }

    @Override
    public String usage() {
        return "bench-codex [--size-mb 256] [--dir D]   Codex client vs curl: upload/download throughput, peak heap";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long sizeMb = 256;
        Path base = null;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            switch (args.get(i)) {
                case "--size-mb" -> sizeMb = Long.parseLong(args.get(i + 1));
                case "--dir" -> base = Path.of(args.get(i + 1));
                default -> throw new UsageException("unknown option " + args.get(i));
            }
        }
        Path work = base == null ? Files.createTempDirectory("bench-codex")
                : Files.createTempDirectory(Files.createDirectories(base), "bench-codex");
        int port = freePort();
        Process emulator = startEmulator(port, work.resolve("node"), err);
        try {
            URI baseUri = URI.create("http://127.0.0.1:" + port);
            awaitReady(baseUri);
            Path payload = work.resolve("payload.bin");
            writeRandom(payload, sizeMb * 1024 * 1024);
            long size = Files.size(payload);
            out.printf("payload %d MiB, emulator on %s (separate JVM), client heap max %d MiB%n", sizeMb, baseUri,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));

            warmUp(baseUri, work);
            String cid;
            double clientUp;
            double clientDown;
            long peak;
            try (CodexClient client = CodexClient.create(CodexClientConfig.builder(baseUri)
                    .readTimeout(Duration.ofMinutes(5)).build())) {
                client.space(); // warm up the connection pool and classes
                System.gc();
                resetPeaks();
                long t0 = System.nanoTime();
                cid = client.upload(payload);
                clientUp = seconds(t0);
                Path copy = work.resolve("client-copy.bin");
                t0 = System.nanoTime();
                client.download(cid, copy, DownloadOptions.DEFAULT.source(DownloadOptions.Source.NETWORK));
                clientDown = seconds(t0);
                peak = peakHeap();
                if (Files.mismatch(payload, copy) != -1) {
                    throw new IOException("the client's download differs from the payload");
                }
                Files.delete(copy);
                client.delete(cid); // the curl upload must store every block again
            }

            String api = baseUri + CodexClientConfig.CODEX_PREFIX;
            long t0 = System.nanoTime();
            String curlCid = curl(List.of("-sS", "-f", "-X", "POST", "-T", payload.toString(), "-H", "Expect:",
                    "-H", "Content-Type: application/octet-stream", "-H",
                    "Content-Disposition: filename=\"" + payload.getFileName() + "\"", api + "/data")).strip();
            double curlUp = seconds(t0);
            if (!curlCid.equals(cid)) {
                throw new IOException("curl's upload got CID " + curlCid + ", the client's " + cid);
            }
            Path curlCopy = work.resolve("curl-copy.bin");
            t0 = System.nanoTime();
            curl(List.of("-sS", "-f", "-o", curlCopy.toString(), api + "/data/" + cid + "/network/stream"));
            double curlDown = seconds(t0);
            if (Files.mismatch(payload, curlCopy) != -1) {
                throw new IOException("curl's download differs from the payload");
            }

            double mb = size / MB;
            out.printf("%-8s %14s %14s%n", "", "upload MB/s", "download MB/s");
            out.printf("%-8s %14.1f %14.1f%n", "client", mb / clientUp, mb / clientDown);
            out.printf("%-8s %14.1f %14.1f%n", "curl", mb / curlUp, mb / curlDown);
            out.printf("%-8s %14.2f %14.2f%n", "ratio", curlUp / clientUp, curlDown / clientDown);
            out.printf("client: upload %.2f s, download %.2f s (verified by CID); curl: upload %.2f s, download %.2f s%n",
                    clientUp, clientDown, curlUp, curlDown);
            out.printf("client peak heap used during upload+download: %.1f MiB (payload %d MiB)%n", peak / MB, sizeMb);
            out.println("CID " + cid);
            return 0;
        } finally {
            emulator.destroy();
            emulator.waitFor(10, TimeUnit.SECONDS);
            deleteTree(work);
        }
    }

    /** Runs both paths once on 16 MiB so that neither measured run pays the JIT warm-up of the emulator. */
    private static void warmUp(URI baseUri, Path work) throws Exception {
        Path small = work.resolve("warmup.bin");
        writeRandom(small, 16L * 1024 * 1024);
        try (CodexClient client = CodexClient.create(baseUri)) {
            String cid = client.upload(small);
            client.download(cid, work.resolve("warmup.out"));
            client.delete(cid);
            String api = baseUri + CodexClientConfig.CODEX_PREFIX;
            curl(List.of("-sS", "-f", "-X", "POST", "-T", small.toString(), "-H", "Expect:", api + "/data"));
            client.delete(org.archivist.storage.codex.cid.CodexContentIds.manifestCid(small, null, null).toString());
        }
        Files.delete(small);
        Files.delete(work.resolve("warmup.out"));
    }

    private static Process startEmulator(int port, Path dataDir, PrintStream err) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath, "org.archivist.tool.Main", "codex-emulator",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitReady(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + CodexClientConfig.CODEX_PREFIX
                        + "/space")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the emulator did not start within 30 s on " + base);
    }

    private static String curl(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("curl");
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("curl is needed for this benchmark (apt-get install curl): " + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("curl " + String.join(" ", args) + " failed with exit code " + p.exitValue());
        }
        return output;
    }

    private static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        buffer[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
