"""Seeds a .torrent from <save-dir> (files at <save-dir>/<name>/...) on 127.0.0.1 until stdin closes.

usage: seed.py <file.torrent> <save-dir> <max-seconds> [<upload bytes/s>]
Prints 'SEEDING <port>' once its own check found every piece, 'NOT_SEEDING <done>/<total>' if the files
on disk do not match (still serving what matches, as a partial or hostile peer would).
"""
import sys
import threading

import libtorrent as lt
from lt_common import session, say, deadline_loop

torrent, save_dir, max_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
ses = session()
params = lt.add_torrent_params()
params.ti = lt.torrent_info(torrent)
params.save_path = save_dir
handle = ses.add_torrent(params)
if len(sys.argv) > 4:
    handle.set_upload_limit(int(sys.argv[4]))  # a slow good seed, so that other peers are asked too

stdin_closed = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()

for _ in deadline_loop(60):
    s = handle.status()
    if s.state not in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data) and s.has_metadata:
        break
s = handle.status()
if s.is_seeding:
    say('SEEDING', ses.listen_port())
else:
    say('NOT_SEEDING', ses.listen_port(), '%d/%d' % (s.num_pieces, params.ti.num_pieces()))
for _ in deadline_loop(max_seconds, 0.1):
    if stdin_closed.is_set():
        break
say('BYE uploaded', handle.status().all_time_upload)
