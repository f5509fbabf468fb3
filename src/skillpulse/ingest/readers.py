"""Streaming readers for JSONL, CSV and Parquet (optionally .gz / .bz2 compressed).

Each reader yields :class:`RawRow` objects: the 1-based line number (row number for
Parquet), the raw text of the row, and either the parsed record or the reason it could not
be parsed. Readers never raise on a bad row; they raise :class:`InputFileError` only when the
file as a whole cannot be read. Memory stays flat: rows are produced one at a time.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson

from skillpulse.errors import InputFileError

FORMATS = ("jsonl", "csv", "parquet")
_COMPRESSION = {".gz": gzip.open, ".bz2": bz2.open}
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
               ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet"}

csv.field_size_limit(2**31 - 1)


class RawRow(NamedTuple):
    """One input row (a named tuple: this is created once per row on the hot path)."""

    line: int
    raw: str
    record: dict[str, Any] | None
    error: str | None = None


def detect_format(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt``, else by the file's extension (ignoring .gz/.bz2)."""
    if fmt:
        if fmt not in FORMATS:
            raise InputFileError(str(path), f"unknown format {fmt!r}: use one of {FORMATS}")
        return fmt
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSION:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _EXTENSIONS:
        return _EXTENSIONS[suffixes[-1]]
    raise InputFileError(
        str(path), "cannot tell the format from the extension: pass --format jsonl|csv|parquet"
    )


class CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read from disk (for progress bars)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_binary(path: Path) -> tuple[IO[bytes], CountingReader]:
    """Open ``path`` for reading bytes, decompressing by extension; also return the counter."""
    try:
        counter = CountingReader(open(path, "rb"))  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise InputFileError(str(path), f"cannot open: {exc.strerror or exc}") from exc
    buffered: IO[bytes] = io.BufferedReader(counter, buffer_size=1 << 20)
    opener = _COMPRESSION.get(path.suffix.lower())
    if opener is not None:
        buffered = opener(buffered, "rb")  # type: ignore[operator]
    return buffered, counter


def read_rows(path: Path, fmt: str) -> tuple[Iterator[RawRow], CountingReader | None]:
    """Rows of ``path`` in format ``fmt`` and a byte counter (None for Parquet)."""
    if fmt == "parquet":
        return _parquet_rows(path), None
    stream, counter = open_binary(path)
    if fmt == "jsonl":
        return _jsonl_rows(stream, path), counter
    return _csv_rows(stream, path), counter


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _jsonl_rows(stream: IO[bytes], path: Path) -> Iterator[RawRow]:
    loads = orjson.loads
    with stream:
        try:
            for number, line in enumerate(stream, start=1):
                stripped = line.strip()
                if not stripped:
                    continue
                try:
                    record = loads(stripped)
                except orjson.JSONDecodeError as exc:
                    yield RawRow(number, _decode(stripped), None, f"malformed JSON: {exc.msg}")
                    continue
                if not isinstance(record, dict):
                    yield RawRow(number, _decode(stripped), None, "not a JSON object")
                    continue
                yield RawRow(number, "", record)
        except (OSError, EOFError) as exc:
            raise InputFileError(str(path), f"read failed: {exc}") from exc


class _Lines:
    """An iterator over text lines that records what it hands out and accepts pushback."""

    def __init__(self, source: Iterator[str]) -> None:
        self._source = source
        self._pushed: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.next_number = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pushed:
            item = self._pushed.popleft()
        else:
            item = (self.next_number, next(self._source))
            self.next_number += 1
        self.taken.append(item)
        return item[1]

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self._pushed.extendleft(reversed(items))


def _csv_rows(stream: IO[bytes], path: Path) -> Iterator[RawRow]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    delimiter = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    lines = _Lines(iter(text))
    reader = csv.reader(lines, delimiter=delimiter)
    with text:
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputFileError(str(path), f"cannot read the CSV header: {exc}") from exc
        header = [h.strip().lstrip("\ufeff") for h in header]
        if len(set(header)) != len(header):
            raise InputFileError(str(path), f"duplicate column names in the header: {header}")
        width = len(header)
        while True:
            lines.taken = []
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield from _csv_recover(lines, f"unparsable CSV ({exc})")
                continue
            taken = lines.taken
            if not row or (len(row) == 1 and not row[0].strip() and width > 1):
                continue  # blank line
            if len(row) != width:
                if len(taken) > 1:
                    # a stray quote swallowed the following lines: reject the first line only
                    yield from _csv_recover(
                        lines, f"expected {width} fields, found {len(row)} (stray quote?)"
                    )
                    continue
                yield RawRow(taken[0][0], taken[0][1].rstrip("\r\n"), None,
                             f"expected {width} fields, found {len(row)}")
                continue
            yield RawRow(taken[0][0], "", dict(zip(header, row, strict=True)))


def _csv_recover(lines: _Lines, reason: str) -> Iterator[RawRow]:
    """Reject the first physical line of a bad record and re-read the lines after it."""
    taken = lines.taken
    if not taken:
        return
    first, rest = taken[0], taken[1:]
    lines.push_back(rest)
    lines.taken = []
    yield RawRow(first[0], first[1].rstrip("\r\n"), None, reason)


def _parquet_rows(path: Path) -> Iterator[RawRow]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputFileError(str(path), f"not a readable Parquet file: {exc}") from exc
    number = 0
    for batch in parquet.iter_batches(batch_size=65536):
        for record in batch.to_pylist():
            number += 1
            yield RawRow(number, "", record)
