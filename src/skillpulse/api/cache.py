"""Results cached per store version.

The version of a store is what ``stat`` says of its file and its write-ahead log (modification
time and size): any committed write changes it, reading does not. A result is kept under its
request key with the version it was computed on; a request whose key and version match is
answered from memory without opening the store, and its ETag lets a client skip the body.
When the store cannot be opened (another process is writing it), the newest result of the
key, from an earlier version, is still there to serve: a snapshot of the store as it was.

Several server processes (``skillpulse serve --workers N``) share their results through a
folder: each result is also written there (one file per key, replaced atomically), and a
process that does not hold a key's result for the current version reads it from the folder
before computing it. :class:`ComputeLock` lets one computation run at a time across the
processes (a computation opens the store; DuckDB lets one process at a time write it).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
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
    """An LRU map request key -> the newest :class:`Entry` (thread-safe); with ``folder``,
    also kept on disk for the other server processes sharing the folder."""

    def __init__(self, *, size: int = 2048, folder: Path | None = None) -> None:
        self.size = size
        self.folder = folder
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        """The newest entry of ``key`` (any version): this process's, else the shared
        folder's."""
        entry = self._held(key)
        if entry is None and self.folder is not None:
            entry = self._read(key)
        return entry

    def lookup(self, key: str, version: str) -> Entry | None:
        """The entry of ``key`` computed on ``version``: from memory, else from the shared
        folder (another process computed it); ``None`` when there is none."""
        entry = self._held(key)
        if entry is not None and entry.version == version:
            return entry
        if self.folder is None:
            return None
        shared = self._read(key)
        if shared is None or shared.version != version:
            return None
        self._remember(key, shared)
        return shared

    def put(self, key: str, version: str, data: Any) -> Entry:
        etag = '"' + hashlib.sha256(f"{version}|{key}".encode()).hexdigest()[:32] + '"'
        entry = Entry(version, etag, data)
        self._remember(key, entry)
        if self.folder is not None:
            self._write(key, entry)
        return entry

    def clear(self) -> None:
        """Forget every result, in memory and in the shared folder."""
        with self._lock:
            self._entries.clear()
        if self.folder is not None:
            for path in self.folder.glob("*.result"):
                path.unlink(missing_ok=True)

    def _held(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def _remember(self, key: str, entry: Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    # -- the shared folder: one file per key, a JSON header line, then the body ----------
    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / (hashlib.sha256(key.encode()).hexdigest()[:40] + ".result")

    def _read(self, key: str) -> Entry | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        head, _, body = raw.partition(b"\n")
        try:
            meta = json.loads(head)
        except ValueError:
            return None
        if meta.get("key") != key:  # a hash collision: not this request's result
            return None
        return Entry(meta["version"], meta["etag"], (body, meta["media"]))

    def _write(self, key: str, entry: Entry) -> None:
        body, media = entry.data
        head = json.dumps({"key": key, "version": entry.version, "etag": entry.etag,
                           "media": media}).encode()
        path = self._path(key)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(head + b"\n" + body)
        os.replace(tmp, path)


class ComputeLock:
    """One computation at a time: among the threads of this process, and, with ``folder``,
    among the processes sharing it (an exclusive ``flock`` on ``folder/compute.lock``)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._thread = threading.RLock()
        self._path = None if folder is None else folder / "compute.lock"
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._thread:
            if self._path is not None and self._depth == 0:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._fd is not None and self._depth == 0:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                    os.close(self._fd)
                    self._fd = None
