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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * curl against one emulated node (run in its own process, so this JVM holds only the client), alternating
 * which goes first over several rounds, and prints the medians, their ratios and the client's peak heap. The
 * client's download is verified (length, tree CID) and fsynced before it counts as done, so it is compared
 * with curl's download plus an fsync of curl's copy (and with curl alone, for reference).
 */
public final class CodexBenchCommand implements Command {
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "bench-codex";
    }

    @Override
    public String usage() {
        return "bench-codex [--size-mb 256] [--rounds 5] [--prefix /api/codex/v1|/api/storage/v1] [--dir D]"
                + "   Codex client vs curl (+fsync): medians of upload/download, ratios, peak heap";
    }

    /** The times of one round, in seconds. */
    private record Round(double clientUp, double curlUp, double clientDown, double curlDown, double curlDownFsync) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long sizeMb = 256;
        int rounds = 5;
        String prefix = CodexClientConfig.CODEX_PREFIX;
        Path base = null;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            String v = args.get(i + 1);
            try {
                switch (args.get(i)) {
                    case "--size-mb" -> sizeMb = Long.parseLong(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--prefix" -> prefix = v;
                    case "--dir" -> base = Path.of(v);
                    default -> throw new UsageException("unknown option " + args.get(i));
                }
            } catch (NumberFormatException e) {
                throw new UsageException(args.get(i) + " needs a number, not '" + v + "'");
            }
        }
        if (sizeMb < 1 || rounds < 1) {
            throw new UsageException("--size-mb and --rounds must be at least 1");
        }
        if (!prefix.equals(CodexClientConfig.CODEX_PREFIX) && !prefix.equals(CodexClientConfig.STORAGE_PREFIX)) {
            throw new UsageException("--prefix is " + CodexClientConfig.CODEX_PREFIX + " or "
                    + CodexClientConfig.STORAGE_PREFIX);
        }
        Path work = base == null ? Files.createTempDirectory("bench-codex")
                : Files.createTempDirectory(Files.createDirectories(base), "bench-codex");
        int port = freePort();
        Process emulator = startEmulator(port, work.resolve("node"), prefix);
        try {
            URI baseUri = URI.create("http://127.0.0.1:" + port);
            String api = baseUri + prefix;
            awaitReady(api);
            Path payload = work.resolve("payload.bin");
            writeRandom(payload, sizeMb * 1024 * 1024);
            long size = Files.size(payload);
            out.printf("payload %d MiB, %d rounds, emulator on %s (separate JVM), client heap max %d MiB%n", sizeMb,
                    rounds, api, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            warmUp(baseUri, api, work);
            List<Round> results = new ArrayList<>();
            long peak;
            try (CodexClient client = CodexClient.create(CodexClientConfig.builder(baseUri)
                    .readTimeout(Duration.ofMinutes(5)).build())) {
                client.space(); // the line is detected and the connection pool warm
                System.gc();
                resetPeaks();
                for (int r = 0; r < rounds; r++) {
                    boolean clientFirst = r % 2 == 0;
                    Round round = round(client, api, payload, work, clientFirst);
                    results.add(round);
                    out.printf("round %d (%s first): upload client %.2f s, curl %.2f s; download client %.2f s, "
                            + "curl %.2f s, curl+fsync %.2f s%n", r + 1, clientFirst ? "client" : "curl", round.clientUp,
                            round.curlUp, round.clientDown, round.curlDown, round.curlDownFsync);
                }
                peak = peakHeap();
                out.println("node line: " + client.line());
            }
            double mb = size / MB;
            double cu = median(results, Round::clientUp);
            double ku = median(results, Round::curlUp);
            double cd = median(results, Round::clientDown);
            double kd = median(results, Round::curlDown);
            double kf = median(results, Round::curlDownFsync);
            out.printf("%-12s %14s %16s%n", "median", "upload MB/s", "download MB/s");
            out.printf("%-12s %14.1f %16.1f%n", "client", mb / cu, mb / cd);
            out.printf("%-12s %14.1f %16.1f%n", "curl", mb / ku, mb / kd);
            out.printf("%-12s %14s %16.1f%n", "curl+fsync", "", mb / kf);
            out.printf("ratio client/curl: upload %.2f, download %.2f (vs curl+fsync %.2f); 1.00 = parity, higher = "
                    + "client faster%n", ku / cu, kd / cd, kf / cd);
            out.printf("client peak heap used over all rounds: %.1f MiB (payload %d MiB)%n", peak / MB, sizeMb);
            return 0;
        } finally {
            emulator.destroy();
            emulator.waitFor(10, TimeUnit.SECONDS);
            deleteTree(work);
        }
    }

    /** One round: both uploads and both downloads, the given side first each time; the CIDs must agree. */
    private static Round round(CodexClient client, String api, Path payload, Path work, boolean clientFirst)
            throws Exception {
        double[] up = new double[2];
        String[] cids = new String[2];
        for (int k = 0; k < 2; k++) {
            boolean viaClient = (k == 0) == clientFirst;
            long t0 = System.nanoTime();
            if (viaClient) {
                cids[0] = client.upload(payload);
                up[0] = seconds(t0);
            } else {
                cids[1] = curl(List.of("-sS", "-f", "-X", "POST", "-T", payload.toString(), "-H", "Expect:",
                        "-H", "Content-Type: application/octet-stream", "-H",
                        "Content-Disposition: filename=\"" + payload.getFileName() + "\"", api + "/data")).strip();
                up[1] = seconds(t0);
            }
            client.delete(viaClient ? cids[0] : cids[1]); // the next upload must store every block again
        }
        if (!cids[0].equals(cids[1])) {
            throw new IOException("curl's upload got CID " + cids[1] + ", the client's " + cids[0]);
        }
        String cid = client.upload(payload);
        double[] down = new double[3];
        for (int k = 0; k < 2; k++) {
            boolean viaClient = (k == 0) == clientFirst;
            Path copy = work.resolve(viaClient ? "client-copy.bin" : "curl-copy.bin");
            long t0 = System.nanoTime();
            if (viaClient) {
                client.download(cid, copy, DownloadOptions.DEFAULT.source(DownloadOptions.Source.NETWORK));
                down[0] = seconds(t0);
            } else {
                curl(List.of("-sS", "-f", "-o", copy.toString(), api + "/data/" + cid + "/network/stream"));
                down[1] = seconds(t0);
                try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                down[2] = seconds(t0);
            }
            if (Files.mismatch(payload, copy) != -1) {
                throw new IOException((viaClient ? "the client's" : "curl's") + " download differs from the payload");
            }
            Files.delete(copy);
        }
        return new Round(up[0], up[1], down[0], down[1], down[2]);
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Runs both paths once on 16 MiB so that neither measured run pays the JIT warm-up of the emulator. */
    private static void warmUp(URI baseUri, String api, Path work) throws Exception {
        Path small = work.resolve("warmup.bin");
        writeRandom(small, 16L * 1024 * 1024);
        try (CodexClient client = CodexClient.create(baseUri)) {
            String cid = client.upload(small);
            client.download(cid, work.resolve("warmup.out"));
            client.delete(cid);
            String curlCid = curl(List.of("-sS", "-f", "-X", "POST", "-T", small.toString(), "-H", "Expect:",
                    "-H", "Content-Type:", api + "/data")).strip();
            client.delete(curlCid);
        }
        Files.delete(small);
        Files.delete(work.resolve("warmup.out"));
    }

    private static Process startEmulator(int port, Path dataDir, String prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath, "org.archivist.tool.Main", "codex-emulator",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--prefix", prefix));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitReady(String api) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/space")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the emulator did not start within 30 s on " + api);
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
