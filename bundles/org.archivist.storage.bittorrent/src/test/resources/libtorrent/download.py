"""Downloads a magnet link into <save-dir> from an explicit peer, no DHT, no trackers.

usage: download.py <magnet> <save-dir> <host:port> <max-seconds>
Prints 'METADATA' when the info dict arrived, 'DONE <seconds>' when every piece is verified.
"""
import sys
import time

import libtorrent as lt
from lt_common import session, say, deadline_loop

magnet, save_dir, peer, max_seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
host, port = peer.rsplit(':', 1)
ses = session()
params = lt.parse_magnet_uri(magnet)
params.save_path = save_dir
params.trackers = []
handle = ses.add_torrent(params)
start = time.monotonic()
handle.connect_peer((host, int(port)))
have_metadata = False
last_connect = start
for _ in deadline_loop(max_seconds):
    s = handle.status()
    if s.has_metadata and not have_metadata:
        have_metadata = True
        say('METADATA', handle.torrent_file().num_pieces())
    if s.is_seeding:
        break
    if s.num_peers == 0 and time.monotonic() - last_connect > 1:
        handle.connect_peer((host, int(port)))
        last_connect = time.monotonic()
say('DONE', '%.3f' % (time.monotonic() - start))
