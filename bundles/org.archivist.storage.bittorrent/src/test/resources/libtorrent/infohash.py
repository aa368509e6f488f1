"""Prints the infohash libtorrent reads from a .torrent, and the one of a metainfo built here by hand.

usage: infohash.py <file.torrent> <community-dir> <piece-length>
The hand-built info dict follows status-go: files data then index, name = directory name, SHA-1 pieces.
"""
import hashlib
import os
import sys

import libtorrent as lt

torrent, directory, piece_length = sys.argv[1], sys.argv[2], int(sys.argv[3])
ti = lt.torrent_info(torrent)
print('loaded', str(ti.info_hashes().v1))

stream = b''
files = []
for name in ('data', 'index'):
    with open(os.path.join(directory, name), 'rb') as f:
        content = f.read()
    files.append({b'length': len(content), b'path': [name.encode()]})
    stream += content
pieces = b''.join(hashlib.sha1(stream[i:i + piece_length]).digest() for i in range(0, len(stream), piece_length))
info = {b'files': files, b'name': os.path.basename(os.path.normpath(directory)).encode(),
        b'piece length': piece_length, b'pieces': pieces}
print('by_hand', hashlib.sha1(lt.bencode(info)).hexdigest())
print('pieces', ti.num_pieces(), 'piece_length', ti.piece_length())
