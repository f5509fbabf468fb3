"""Results cached per store version.

The version of a store is what ``stat`` says of its file and its write-ahead log (modification
time and size): any committed write changes it, reading does not. A result is kept under its
request key with the version it was computed on; a request whose key and version match is
answered from memory without opening the store, and its ETag lets a client skip the body.
When the store cannot be opened (another process is writing it), the newest result of the
key, from an earlier version, is still there to serve: a snapshot of the store as it was.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def store_version(path: Path) -> str:
    """``mtime_ns:size`` of the store file and of its ``.wal``, or ``missing``."""
    parts = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{st.st_mtime_ns}:{st.st_size}")
    return "missing" if parts[0] == "-" else "/".join(parts)


@dataclass(frozen=True)
class Entry:
    version: str
    etag: str
    data: Any


class ResultCache:
    """An LRU map request key -> the newest :class:`Entry` (thread-safe)."""

    def __init__(self, *, size: int = 2048) -> None:
        self.size = size
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, version: str, data: Any) -> Entry:
        etag = '"' + hashlib.sha256(f"{version}|{key}".encode()).hexdigest()[:32] + '"'
        entry = Entry(version, etag, data)
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
