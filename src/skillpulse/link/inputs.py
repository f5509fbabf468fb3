"""Read the sentences to link from a file: CSV (``sentence`` column), JSONL (``sentence`` or
``text`` field) or plain text (one sentence per line). The format follows the extension
(``.csv``, ``.jsonl``/``.ndjson``, anything else is plain text)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from skillpulse.errors import InputFileError


def read_sentences(path: str | Path) -> list[str]:
    """The sentences of ``path`` in file order (blank plain-text lines are skipped)."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(p)
        if suffix in (".jsonl", ".ndjson"):
            return _read_jsonl(p)
        with p.open(encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    except OSError as exc:
        raise InputFileError(str(p), exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(str(p), f"not UTF-8 text ({exc.reason})") from exc


def _read_csv(p: Path) -> list[str]:
    with p.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if "sentence" not in (reader.fieldnames or []):
            raise InputFileError(str(p), "CSV input needs a 'sentence' column")
        return [row["sentence"] or "" for row in reader]


def _read_jsonl(p: Path) -> list[str]:
    out: list[str] = []
    with p.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFileError(f"{p}:{number}", f"invalid JSON ({exc.msg})") from exc
            text = record.get("sentence", record.get("text")) if isinstance(record, dict) else None
            if not isinstance(text, str):
                raise InputFileError(f"{p}:{number}", "needs a string 'sentence' or 'text' field")
            out.append(text)
    return out
