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
import zlib
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
    #: the row's bytes when a reader can parse them again more exactly (JSONL), else None
    source: bytes | None = None


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
        return _guarded(_jsonl_rows(stream, path), path), counter
    return _guarded(_csv_rows(stream, path), path), counter


def _guarded(rows: Iterator[RawRow], path: Path) -> Iterator[RawRow]:
    """Turn the errors of a damaged file (truncated or not-really-compressed) into one
    :class:`InputFileError` naming the file."""
    try:
        yield from rows
    except EOFError as exc:
        raise InputFileError(str(path), f"the file ends early (truncated?): {exc}") from exc
    except (OSError, zlib.error) as exc:
        raise InputFileError(str(path), f"{_damaged(path)}: {_one_line(exc)}") from exc


def _damaged(path: Path) -> str:
    what = {".gz": "gzip", ".bz2": "bzip2"}.get(path.suffix.lower())
    return f"not a valid {what} file" if what else "read failed"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def peek_columns(path: Path, fmt: str, *, sample: int = 1000) -> list[str] | None:
    """The column names of a file: the CSV header, the Parquet schema, or the keys of the
    first ``sample`` JSONL objects (in order of first appearance); None when the file gives
    no evidence (empty, or no JSON object in the sample)."""
    if fmt == "parquet":
        return list(_parquet_file(path).schema_arrow.names)
    stream, _counter = open_binary(path)
    rows: Iterator[RawRow]
    if fmt == "csv":
        with stream:
            header = _csv_header(stream, path)
        return header or None
    keys: dict[str, None] = {}
    objects = 0
    rows = _guarded(_jsonl_rows(stream, path), path)
    try:
        for number, row in enumerate(rows):
            if number >= sample:
                break
            if row.record is not None:
                objects += 1
                keys.update(dict.fromkeys(row.record))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    return list(keys) if objects else None


def _bad_utf8(data: bytes) -> str | None:
    """The reason ``data`` is not UTF-8 (byte and column), or None when it is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8: byte 0x{data[exc.start]:02x} at column {exc.start + 1}"
    return None


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


_BOM = b"\xef\xbb\xbf"


def _jsonl_rows(stream: IO[bytes], path: Path) -> Iterator[RawRow]:
    loads = orjson.loads
    with stream:
        for number, line in enumerate(stream, start=1):
            stripped = line.strip()
            if number == 1 and stripped.startswith(_BOM):
                stripped = stripped[3:].strip()
            if not stripped:
                continue
            try:
                record = loads(stripped)
            except orjson.JSONDecodeError as exc:
                reason = _bad_utf8(stripped) or f"malformed JSON: {exc.msg}"
                yield RawRow(number, _decode(stripped), None, reason)
                continue
            if not isinstance(record, dict):
                yield RawRow(number, _decode(stripped), None, "not a JSON object")
                continue
            yield RawRow(number, "", record, None, stripped)


#: a quoted CSV field may run over at most this many physical lines; a record longer than
#: that is taken for a stray quote (its first line is rejected, the lines after it re-read)
MAX_RECORD_LINES = 10_000
MAX_RECORD_CHARS = 64 << 20


class _RecordTooLong(Exception):
    """A CSV record ran past :data:`MAX_RECORD_LINES` lines or :data:`MAX_RECORD_CHARS`."""


class _Lines:
    """An iterator over text lines that records what it hands out and accepts pushback."""

    def __init__(self, source: Iterator[str]) -> None:
        self._source = source
        self._pushed: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.chars = 0
        self.next_number = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pushed:
            item = self._pushed.popleft()
        else:
            item = (self.next_number, next(self._source))
            self.next_number += 1
        taken = self.taken
        taken.append(item)
        if len(taken) > 1:
            self.chars += len(item[1])
            if len(taken) > MAX_RECORD_LINES or self.chars > MAX_RECORD_CHARS:
                raise _RecordTooLong
        return item[1]

    def start(self) -> None:
        self.taken = []
        self.chars = 0

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self._pushed.extendleft(reversed(items))


def _csv_text(stream: IO[bytes]) -> io.TextIOWrapper:
    # undecodable bytes become lone surrogates, found per record and rejected (as JSONL does)
    return io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")


def _delimiter(path: Path) -> str:
    return "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","


def _csv_header(stream: IO[bytes], path: Path) -> list[str]:
    text = _csv_text(stream)
    reader = csv.reader(text, delimiter=_delimiter(path), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise InputFileError(str(path), f"cannot read the CSV header: {exc}") from exc
    except EOFError as exc:
        raise InputFileError(str(path), f"the file ends early (truncated?): {exc}") from exc
    except (OSError, zlib.error) as exc:
        raise InputFileError(str(path), f"{_damaged(path)}: {_one_line(exc)}") from exc
    header = [h.strip().lstrip("\ufeff").strip() for h in header]
    if any(not _encodable(h) for h in header):
        raise InputFileError(str(path), "the CSV header is not valid UTF-8")
    return header


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """``text`` with undecodable bytes shown as U+FFFD (for the rejects table)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _csv_rows(stream: IO[bytes], path: Path) -> Iterator[RawRow]:
    text = _csv_text(stream)
    delimiter = _delimiter(path)
    lines = _Lines(iter(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    with text:
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RecordTooLong) as exc:
            raise InputFileError(str(path), f"cannot read the CSV header: {exc}") from exc
        header = [h.strip().lstrip("\ufeff").strip() for h in header]
        if not all(_encodable(h) for h in header):
            raise InputFileError(str(path), "the CSV header is not valid UTF-8")
        if len(set(header)) != len(header):
            raise InputFileError(str(path), f"duplicate column names in the header: {header}")
        width = len(header)
        while True:
            lines.start()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield from _csv_recover(lines, f"unparsable CSV ({exc}; stray quote?)")
                continue
            except _RecordTooLong:
                yield from _csv_recover(
                    lines, f"a quoted field runs over more than {MAX_RECORD_LINES:,} lines "
                    "(stray quote?)")
                continue
            taken = lines.taken
            if not row or (len(row) == 1 and not row[0].strip() and width > 1):
                continue  # blank line
            if len(taken) > 1 and (len(row) != width or _runs_past(taken, width, delimiter)):
                # a stray quote swallowed the following lines: reject the first line only
                found = (f"expected {width} fields, found {len(row)}" if len(row) != width
                         else "a quoted field runs past its line into lines that are rows "
                              "of their own")
                yield from _csv_recover(lines, f"{found} (stray quote?)")
                continue
            if len(row) != width:
                yield RawRow(taken[0][0], _printable(taken[0][1].rstrip("\r\n")), None,
                             f"expected {width} fields, found {len(row)}")
                continue
            for _number, line in taken:
                if not line.isascii() and not _encodable(line):
                    raw = line.encode("utf-8", "surrogateescape")
                    yield RawRow(taken[0][0], _printable("".join(t for _, t in taken)
                                                         .rstrip("\r\n")), None,
                                 _bad_utf8(raw) or "invalid UTF-8")
                    break
            else:
                yield RawRow(taken[0][0], "", dict(zip(header, row, strict=True)))


def _runs_past(taken: list[tuple[int, str]], width: int, delimiter: str) -> bool:
    """Whether a multi-line record is a stray quote: the lines after its first read, on their
    own, as complete rows of the right width (the rest of a real multi-line field does not:
    its last line holds fewer fields than the row)."""
    try:
        rows = [r for r in csv.reader([t for _, t in taken[1:]], delimiter=delimiter,
                                      strict=True) if r]
    except csv.Error:
        return False
    return bool(rows) and all(len(r) == width for r in rows)


def _csv_recover(lines: _Lines, reason: str) -> Iterator[RawRow]:
    """Reject the first physical line of a bad record and re-read the lines after it."""
    taken = lines.taken
    if not taken:
        return
    first, rest = taken[0], taken[1:]
    lines.push_back(rest)
    lines.start()
    yield RawRow(first[0], _printable(first[1].rstrip("\r\n")), None, reason)


def _parquet_file(path: Path) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputFileError(str(path),
                             f"not a readable Parquet file: {_one_line(exc)}") from exc


def _parquet_rows(path: Path) -> Iterator[RawRow]:
    import pyarrow as pa

    parquet = _parquet_file(path)
    number = 0
    batches = parquet.iter_batches(batch_size=65536)
    while True:
        try:
            batch = next(batches, None)
            if batch is None:
                return
            records = batch.to_pylist()
        except UnicodeDecodeError as exc:
            raise InputFileError(str(path), f"a string after row {number:,} is not valid "
                                 f"UTF-8 ({exc.reason})") from exc
        except OverflowError as exc:
            raise InputFileError(str(path), f"a timestamp after row {number:,} is outside the "
                                 f"years 1-9999 ({exc})") from exc
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise InputFileError(str(path), f"corrupt Parquet data after row {number:,}: "
                                 f"{_one_line(exc)}") from exc
        for record in records:
            number += 1
            yield RawRow(number, "", record)
