"""Extraction over a JSONL file, line by line: a bad line is reported, never fatal.

``extract_jsonl(extractor, path, kind=...)`` yields one :class:`JsonlResult` per non-blank
line: the record's mentions, or the reason the line could not be used (not JSON, not an
object, a document the extractor rejects) with its line number. The file is read as UTF-8
with undecodable bytes kept as lone surrogates (``surrogateescape``), so one bad byte does
not stop the file either (the CLI writes such text as escaped, valid JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpulse.errors import InputFileError, SkillpulseError
from skillpulse.extract.mention import Mention
from skillpulse.extract.pipeline import Extractor

__all__ = ["JsonlResult", "extract_jsonl", "read_jsonl"]


@dataclass(frozen=True)
class JsonlResult:
    """One non-blank line of the input: its record and mentions, or why it was skipped."""

    line: int
    record: dict[str, Any] | None
    mentions: list[Mention] = field(default_factory=list)
    error: str | None = None


def read_jsonl(path: str | Path) -> Iterator[JsonlResult]:
    """The records of a JSONL file, one result per non-blank line (``error`` set for a line
    that is not a JSON object). A missing or unreadable file raises
    :class:`~skillpulse.errors.InputFileError`."""
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8", errors="surrogateescape", newline=None)
    except OSError as exc:
        raise InputFileError(str(path), exc.strerror or str(exc)) from exc
    with fh:
        for n, raw in enumerate(fh, 1):
            text = raw.lstrip("\ufeff") if n == 1 else raw
            if not text.strip():
                continue
            try:
                rec = json.loads(text)
            except ValueError as exc:
                yield JsonlResult(n, None, error=f"not JSON ({exc})")
                continue
            if not isinstance(rec, dict):
                yield JsonlResult(n, None, error=f"not a JSON object ({type(rec).__name__})")
                continue
            yield JsonlResult(n, rec)


def extract_jsonl(extractor: Extractor, path: str | Path, *, kind: str) -> Iterator[JsonlResult]:
    """Mentions of each record of ``path`` as a document of ``kind`` (see module docs)."""
    for item in read_jsonl(path):
        if item.record is None:
            yield item
            continue
        try:
            mentions = extractor.extract_document(item.record, kind)
        except (SkillpulseError, TypeError, ValueError, AttributeError) as exc:
            yield JsonlResult(item.line, item.record, error=f"{type(exc).__name__}: {exc}")
            continue
        yield JsonlResult(item.line, item.record, mentions)

