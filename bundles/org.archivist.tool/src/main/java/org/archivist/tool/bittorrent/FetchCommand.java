package org.archivist.tool.bittorrent;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.storage.bittorrent.InvalidTorrentException;
import org.archivist.storage.bittorrent.MagnetUri;
import org.archivist.storage.bittorrent.StatusTorrent;
import org.archivist.storage.bittorrent.TorrentDownload;
import org.archivist.storage.bittorrent.TorrentDownloadException;
import org.archivist.storage.bittorrent.TorrentDownloader;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist fetch <magnet> --data-dir <dir> [--peer host:port ...]}: downloads a whole archive set
 * into {@code <dir>/<community>/{data,index}} with a progress bar. Run again, it resumes from the pieces
 * already verified on disk.
 */
public final class FetchCommand implements Command {

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public String usage() {
        return "fetch <magnet> --data-dir <dir> [--peer host:port ...] [--port N] [--bind ADDR] [--dht]"
                + " [--no-trackers] [--timeout S] [--download-limit KiB/s] [--upload-limit KiB/s]"
                + " [--engine libtorrent|bt]   downloads a whole"
                + " archive set (resumable), with a progress bar";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        BtLogging.quiet();
        Flags o = Flags.parse(args, Set.of("data-dir", "port", "bind", "timeout", "download-limit", "upload-limit",
                "engine"), Set.of("dht", "no-trackers"),
                Set.of("peer"));
        if (o.positional().size() != 1) {
            throw new UsageException("give exactly one magnet link");
        }
        String dataDir = o.optional("data-dir").orElse(null);
        if (dataDir == null) {
            throw new UsageException("--data-dir is required");
        }
        MagnetUri magnet;
        try {
            magnet = MagnetUri.parse(o.positional().get(0));
        } catch (InvalidTorrentException e) {
            throw new UsageException(e.getMessage());
        }
        for (String peer : o.all("peer")) {
            if (!peer.matches("[^\\s:]+:[0-9]{1,5}")) {
                throw new UsageException("--peer must be host:port, got '" + peer + "'");
            }
        }
        long timeoutSeconds = o.longOr("timeout", 120);
        long port = o.longOr("port", 0);
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
            throw new UsageException("--timeout must be 1..86400 seconds, got " + timeoutSeconds);
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be 0..65535, got " + port);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        long downloadKib = o.longOr("download-limit", 0);
        long uploadKib = o.longOr("upload-limit", 0);
        if (downloadKib < 0 || uploadKib < 0 || downloadKib > 100_000_000 || uploadKib > 100_000_000) {
            throw new UsageException("--download-limit and --upload-limit are KiB/s, 0 (none) to 100000000");
        }
        String engineName = o.optional("engine").orElse("libtorrent");
        if (!engineName.equals("libtorrent") && !engineName.equals("bt")) {
            throw new UsageException("--engine must be libtorrent or bt, got '" + engineName + "'");
        }
        TorrentDownloader.Builder engine = TorrentDownloader.builder().engine(engineName)
                .bind(InetAddress.getByName(o.optional("bind").orElse("0.0.0.0"))).port((int) port)
                .dht(o.has("dht")).trackers(!o.has("no-trackers")).stallTimeout(timeout)
                .rateLimits(downloadKib * 1024, uploadKib * 1024);
        Path dir = Files.createDirectories(Path.of(dataDir));
        long start = System.nanoTime();
        try (TorrentDownloader downloader = engine.start();
                TorrentDownload fetch = downloader.download(magnet.withPeers(o.all("peer")), dir)) {
            out.printf("fetching %s (engine %s started in %.2f s, listening on port %d)%n", magnet.infoHashHex(),
                    downloader.engine(), (System.nanoTime() - start) / 1e9, downloader.port());
            StatusTorrent torrent = fetch.awaitMetadata(timeout);
            out.printf("metadata: %s, %d files, %d pieces, %d bytes (%.1f s)%n", torrent.name(),
                    torrent.files().size(), torrent.pieceCount(), torrent.totalLength(),
                    (System.nanoTime() - start) / 1e9);
            ProgressBar bar = new ProgressBar(out);
            fetch.awaitAll((donePieces, totalPieces, doneBytes, totalBytes) ->
                    bar.update(doneBytes, totalBytes, donePieces == totalPieces));
            bar.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            Path got = dir.resolve(torrent.name());
            out.printf("done: %s, %d bytes in %.1f s%n", got, torrent.totalLength(), seconds);
            describeIndex(got.resolve(StatusTorrent.INDEX_FILE), torrent, out);
            return 0;
        } catch (TorrentDownloadException e) {
            err.println("archivist fetch: " + e.getMessage() + (e.retryable() ? " (try again: verified pieces are"
                    + " kept)" : ""));
            return 1;
        }
    }

    private static void describeIndex(Path index, StatusTorrent torrent, PrintStream out) {
        try {
            long length = torrent.fileLength(StatusTorrent.INDEX_FILE).orElse(0L);
            if (length > DecodeLimits.DEFAULT.maxIndexBytes()) {
                out.println("index: " + length + " bytes, larger than any index accepted; not read");
                return;
            }
            byte[] bytes = new byte[(int) length];
            try (java.io.InputStream in = Files.newInputStream(index)) {
                if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                    throw new java.io.IOException("the index file is shorter than the torrent says");
                }
            }
            out.println("index: " + IndexCodec.decode(bytes, DecodeLimits.DEFAULT).size() + " archives");
        } catch (Exception e) {
            out.println("index: not a plain Status index (encrypted?): " + e.getMessage());
        }
    }
}
