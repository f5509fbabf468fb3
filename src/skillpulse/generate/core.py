"""``generate``: write a synthetic marketplace and its truth into a directory.

Steps, in order: profiles (freelancers, needed by hires), postings, searches, hires; then each
kind is written as JSONL with a few exact duplicate rows and a few malformed rows mixed in at
counts recorded in ``truth.json``; then the survey (if the survey module provides a writer);
then ``truth.json``. Same seed and parameters, same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from skillpulse.errors import PeriodError, SkillpulseError
from skillpulse.generate import events, plan, truth
from skillpulse.generate.events import Docs
from skillpulse.generate.profiles import make_profiles
from skillpulse.generate.vocab import BY_ID, CORE, SKILLS
from skillpulse.store.kinds import TIME_FIELDS

if TYPE_CHECKING:
    from skillpulse.generate.emerging import EmergingTool

log = logging.getLogger(__name__)

GENERATOR_VERSION = "1"
DEFAULT_START = "2022-10"
DEFAULT_END = "2023-06"
#: Exact duplicate rows per kind: this share of the rows, at least 2.
DUPLICATE_RATE = 0.001
#: Malformed rows of each sort per kind at scale 1.0 (at least 1 each).
MALFORMED_EACH = 5
TIME_FIELD = TIME_FIELDS
BAD_DATES = ("2023-02-30T10:00:00Z", "31/13/2023", "yesterday", "2023-13-01T00:00:00Z")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class FileInfo:
    name: str
    lines: int
    bytes: int
    sha256: str


@dataclass(frozen=True)
class GenerateResult:
    """What ``generate`` wrote."""

    out_dir: Path
    seed: int
    scale: float
    start: str
    end: str
    files: tuple[FileInfo, ...]
    seconds: float
    survey_written: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir), "seed": self.seed, "scale": self.scale,
            "start": self.start, "end": self.end, "seconds": round(self.seconds, 3),
            "survey_written": self.survey_written,
            "files": [f.__dict__ for f in self.files],
        }  # fmt: skip


def parse_month(text: str) -> int:
    """``YYYY-MM`` -> month index since 2022-10."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise PeriodError(f"expected a month as YYYY-MM, got {text!r}")
    return plan.month_index(int(m.group(1)), int(m.group(2)))


class _Writer:
    """A JSONL file written row by row, hashed as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh = path.open("wb")
        self.sha = hashlib.sha256()
        self.lines = 0
        self.bytes = 0

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.sha.update(data)
        self.lines += 1
        self.bytes += len(data)

    def close(self) -> FileInfo:
        self.fh.close()
        return FileInfo(self.path.name, self.lines, self.bytes, self.sha.hexdigest())


def _malformed(rng: np.random.Generator, docs: Docs, each: int) -> list[tuple[str, bytes]]:
    """Malformed rows made from non-AI documents: bad date, missing field, broken JSON."""
    plain = np.flatnonzero(np.array([not s for s in docs.skills], dtype=bool))
    picks = rng.choice(plain, size=min(len(plain), 3 * each), replace=False)
    tf = TIME_FIELD[docs.kind]
    out: list[tuple[str, bytes]] = []
    for k, i in enumerate(picks.tolist()):
        row = dict(docs.rows[i])
        sort = ("bad_date", "missing_field", "broken_json")[k % 3]
        if "id" in row:
            row["id"] = f"{row['id']}-x{k}"
        elif docs.kind == "searches":
            row["query"] = row["query"] + " help"
        if sort == "bad_date":
            row[tf] = BAD_DATES[k % len(BAD_DATES)]
            line = orjson.dumps(row) + b"\n"
        elif sort == "missing_field":
            del row[tf]
            line = orjson.dumps(row) + b"\n"
        else:
            full = orjson.dumps(row)
            line = full[: max(10, len(full) // 2)] + b"\n"
        out.append((sort, line))
    return out


def _write_kind(
    rng: np.random.Generator, docs: Docs, out_dir: Path, scale: float
) -> tuple[FileInfo, dict[str, Any]]:
    n = len(docs.rows)
    n_dup = min(n, max(2, round(DUPLICATE_RATE * n)))
    each = max(1, round(MALFORMED_EACH * scale))
    bad = _malformed(rng, docs, each)
    dup_src = np.sort(rng.choice(n, size=n_dup, replace=False))
    # a duplicate goes after its original; a malformed row anywhere
    inserts: dict[int, list[bytes]] = {}
    for i in dup_src.tolist():
        at = int(rng.integers(i, n))
        inserts.setdefault(at, []).append(orjson.dumps(docs.rows[i]) + b"\n")
    for _, line in bad:
        inserts.setdefault(int(rng.integers(0, n)), []).append(line)
    w = _Writer(out_dir / f"{docs.kind}.jsonl")
    for i, row in enumerate(docs.rows):
        w.write(orjson.dumps(row) + b"\n")
        for extra in inserts.get(i, ()):
            w.write(extra)
    info = w.close()
    sorts: dict[str, int] = {"bad_date": 0, "missing_field": 0, "broken_json": 0}
    for sort, _ in bad:
        sorts[sort] += 1
    rows = {"lines": info.lines, "valid": n, "duplicates": n_dup,
            "malformed": sorts, "malformed_total": len(bad)}  # fmt: skip
    return info, rows


def _write_survey(out_dir: Path, seed: int) -> bool:
    from skillpulse.survey.synthetic import write_survey

    write_survey(out_dir, seed=seed)
    return True


def _hash_file(path: Path) -> FileInfo:
    data = path.read_bytes()
    return FileInfo(path.name, data.count(b"\n"), len(data), hashlib.sha256(data).hexdigest())


def generate(
    out_dir: str | Path,
    *,
    seed: int = 0,
    scale: float = 1.0,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    emerging: bool = False,
    emerging_tools: Sequence[EmergingTool] | None = None,
    phrasing: str = "plain",
) -> GenerateResult:
    """Write ``postings.jsonl``, ``searches.jsonl``, ``hires.jsonl``, ``profiles.jsonl``,
    ``survey.csv`` (when available) and ``truth.json`` into ``out_dir``. ``emerging`` also
    plants surging tools outside the planted skills in postings
    (:mod:`skillpulse.generate.emerging`): the real and invented tools of that module, or
    ``emerging_tools`` written in ``phrasing``."""
    t0 = time.perf_counter()
    if not scale > 0:
        raise SkillpulseError(f"scale must be positive, got {scale}")
    first, last = parse_month(start), parse_month(end)
    if last < first:
        raise PeriodError(f"end {end} is before start {start}")
    months = list(range(first, last + 1))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    def streams(k: int) -> tuple[np.random.Generator, random.Random]:
        return np.random.default_rng([seed, k]), random.Random(f"skillpulse-{seed}-{k}")

    files: list[FileInfo] = []
    rows: dict[str, Any] = {}

    def write(docs: Docs, k: int) -> None:
        # each kind has its own stream for duplicates and malformed rows; once written, the
        # texts are dropped (truth and hires need only ids, times and planted skills)
        info, rows[docs.kind] = _write_kind(np.random.default_rng([seed, k]), docs, out, scale)
        files.append(info)
        for row in docs.rows:
            for name in ("title", "description", "overview", "query"):
                if name in row:
                    row[name] = None
        log.info("%s: %d rows written", docs.kind, len(docs.rows))

    rng, r = streams(1)
    docs_p, all_fl, ai_fl = make_profiles(rng, r, months, scale)
    write(docs_p, 11)
    rng, r = streams(2)
    clients = events.make_clients(rng, scale)
    docs_j, topic, job = events.make_postings(rng, r, months, scale, clients)
    if emerging or emerging_tools is not None:
        from skillpulse.generate.emerging import TOOLS, plant

        mons = events.month_of(np.array(docs_j.seconds, dtype=np.int64), months)
        log.info("emerging tools: %d plantings",
                 plant(docs_j, months, [int(m) for m in mons], seed,
                       tools=TOOLS if emerging_tools is None else emerging_tools,
                       phrasing=phrasing))
    write(docs_j, 12)
    rng, r = streams(3)
    docs_s = events.make_searches(rng, r, months, scale, clients)
    write(docs_s, 13)
    rng, r = streams(4)
    docs_h = events.make_hires(rng, r, months, scale, docs_j, topic, job, all_fl, ai_fl)
    write(docs_h, 14)
    all_docs = (docs_j, docs_s, docs_h, docs_p)
    order = {"postings.jsonl": 0, "searches.jsonl": 1, "hires.jsonl": 2, "profiles.jsonl": 3}
    files.sort(key=lambda f: order[f.name])

    survey = _write_survey(out, seed)
    for name in ("survey.csv", "survey_truth.json"):
        if survey and (out / name).exists():
            files.append(_hash_file(out / name))

    periods = {d.kind: truth.count_kind(d, months) for d in all_docs}
    months_labels = [plan.month_label(m) for m in months]
    doc = {
        "about": "Planted truth of a skillpulse synthetic marketplace: distinct documents per "
        "skill, kind and period, counted from the rows written (duplicates and malformed rows "
        "excluded; profiles: latest snapshot per freelancer and period).",
        "generator": {
            "name": "skillpulse.generate", "version": GENERATOR_VERSION, "seed": seed,
            "scale": scale, "start": plan.month_label(first), "end": plan.month_label(last),
            "months": months_labels, "min_count": truth.MIN_COUNT,
            "confidence": truth.CONFIDENCE, "duplicate_rate": DUPLICATE_RATE,
            "malformed_each": max(1, round(MALFORMED_EACH * scale)),
        },
        "skills": {s.skill_id: {"label": s.label, "category": "generative-ai",
                                "in_published_lists": s.skill_id in CORE}
                   for s in SKILLS},
        "exposure": {k: {p: v["exposure"] for p, v in kp.items() if p in months_labels}
                     for k, kp in periods.items()},
        "genai_documents": {k: {p: v["genai"] for p, v in kp.items() if p in months_labels}
                            for k, kp in periods.items()},
        "counts": {k: {s.skill_id: {p: kp[p]["counts"][s.skill_id] for p in months_labels
                                    if p in kp}
                       for s in SKILLS}
                   for k, kp in periods.items()},
        "periods": periods,
        "expected_lists": truth.expected_lists(periods),
        "headline": truth.headline(periods),
        "segments": {"postings_by_company_size": truth.segments(docs_j, months)},
        "rows": rows,
        "survey": {"written": survey},
        "files": {f.name: {"lines": f.lines, "bytes": f.bytes, "sha256": f.sha256}
                  for f in files},
    }  # fmt: skip
    (out / "truth.json").write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n")
    files.append(_hash_file(out / "truth.json"))
    seconds = time.perf_counter() - t0
    log.info("generated %s in %.1f s", out, seconds)
    _ = BY_ID
    return GenerateResult(out, seed, scale, plan.month_label(first), plan.month_label(last),
                          tuple(files), seconds, survey)  # fmt: skip
