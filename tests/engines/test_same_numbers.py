"""The same numbers on every engine: ingest accounting and rejects, extraction, every
analytics function, the derived table and the report's JSON, on stores built the same way
from the same real files (see conftest.py). Each test also checks what it can against the
input itself, so the DuckDB run is not only compared with itself.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from engine_builds import HN, SEARCHES, Built

from skillpulse.analytics import gap, growth, related, share_of_activity, top_skills

ACCOUNTING = ("file", "kind", "read", "loaded", "rejected", "duplicates", "sha256", "bytes",
              "top_reasons")


def _accounting(info: Any) -> dict[str, Any]:
    data = info.to_dict()
    return {k: data[k] for k in ACCOUNTING}


def test_ingest_accounting_and_rejects(built: Built, reference: Built) -> None:
    for name, info in built.ingests.items():
        assert info.read == info.loaded + info.rejected + info.duplicates, name
        assert _accounting(info) == _accounting(reference.ingests[name]), name
    # the Hacker News slice, counted independently from the file
    with gzip.open(HN, "rt", newline="") as fh:
        records = list(csv.DictReader(fh))
    hn = built.ingests["hn"]
    assert (hn.read, hn.loaded, hn.rejected) == (len(records),
                                                 len({r["post_link_id"] for r in records}), 0)
    # the hand-written searches: known by construction
    mixed, again = built.ingests["mixed"], built.ingests["mixed_again"]
    assert (mixed.read, mixed.loaded, mixed.duplicates, mixed.rejected) == (len(SEARCHES), 4,
                                                                           2, 3)
    assert (again.loaded, again.duplicates, again.rejected) == (0, 6, 3)
    found = built.ws.rejects(kind="searches", limit=1000)
    ours = [(r.line, r.field) for r in found if r.file == mixed.file]
    assert ours == [(6, "searched_at"), (7, "searched_at"), (8, None)]  # once, not twice
    assert [r.to_dict() for r in found] == [r.to_dict() for r in
                                            reference.ws.rejects(kind="searches", limit=1000)]
    assert ([r.to_dict() for r in built.ws.rejects(limit=5)]
            == [r.to_dict() for r in reference.ws.rejects(limit=5)])


def test_status(built: Built, reference: Built) -> None:
    got, want = built.ws.status().to_dict(), reference.ws.status().to_dict()
    assert got["kinds"] == want["kinds"]
    assert got["db_bytes"] > 0
    hn_and_market = built.ingests["hn"].loaded + built.ingests["postings"].loaded
    assert got["kinds"]["postings"]["count"] == hn_and_market
    assert got["kinds"]["searches"]["rejected"] == 3 + built.ingests["searches"].rejected


def _rows(ws: Any, sql: str) -> list[dict[str, Any]]:
    with ws.store() as s:
        return list(s.query(sql).to_pylist())


def test_extraction(built: Built, reference: Built) -> None:
    got, want = built.extract.to_dict(), reference.extract.to_dict()
    for key in ("taxonomy_version", "documents", "total_documents", "mentions"):
        assert got[key] == want[key], key
    status = built.ws.status().kinds
    assert got["documents"] == {k: v.count for k, v in status.items()}  # every document
    assert got["mentions"] > 1000
    assert built.again.total_documents == 0 and built.again.mentions == 0  # incremental
    sql = ("SELECT kind, doc_id, skill_id, method, field, start_pos, end_pos, text, "
           "confidence, taxonomy_version FROM mentions "
           "ORDER BY kind, doc_id, field, start_pos, skill_id, method")
    assert _rows(built.ws, sql) == _rows(reference.ws, sql)
    sql = ("SELECT kind, doc_id, taxonomy_version, mention_count FROM extractions "
           "ORDER BY kind, doc_id")
    assert _rows(built.ws, sql) == _rows(reference.ws, sql)


def test_derived_table(built: Built, reference: Built) -> None:
    with built.ws.store() as s, reference.ws.store() as r:
        table = s.derived_table()
        assert table == r.derived_table() == "analytics_doc_skills"
        sql = ("SELECT kind, taxonomy_version, skill_id, doc_id, event_at FROM "
               "analytics_doc_skills ORDER BY kind, taxonomy_version, skill_id, doc_id")
        got = s.query(sql).to_pylist()
        assert got == r.query(sql).to_pylist()
        distinct = s.query("SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, "
                           "taxonomy_version, skill_id, doc_id FROM mentions) x").to_pylist()
        assert len(got) == distinct[0]["n"]
        assert s.refresh().mode == "none"  # up to date: nothing to do


def _calls(taxonomy: Any) -> list[tuple[Any, tuple[Any, ...], dict[str, Any]]]:
    return [
        (top_skills, (), {"kind": "postings", "period": "2023Q1"}),
        (top_skills, (), {"kind": "postings", "period": "2023", "category": "generative-ai",
                          "taxonomy": taxonomy, "n": 15}),
        (top_skills, (), {"kind": "postings", "period": "2023H1",
                          "where": {"company_size": ["small", "mid"]}}),
        (top_skills, (), {"kind": "profiles", "period": "2023", "by": "country"}),
        (top_skills, (), {"kind": "searches", "period": "2023"}),
        (growth, (), {"kind": "postings", "base": "2022Q4", "current": "2023Q2",
                      "min_count": 2, "breakout_floor": 2}),
        (growth, (), {"kind": "searches", "base": "2023Q1", "current": "2023Q2",
                      "min_count": 2, "breakout_floor": 2, "by": "client_id"}),
        (share_of_activity, (), {"kind": "postings", "category": "generative-ai",
                                 "taxonomy": taxonomy, "by": "quarter", "base": "2022Q4",
                                 "current": "2023Q2"}),
        (share_of_activity, (), {"kind": "searches", "category": "generative-ai",
                                 "taxonomy": taxonomy, "by": "month"}),
        (gap, (), {"period": "2023", "min_count": 1}),
        (related, ("python",), {"kind": "postings", "period": "2023", "min_count": 2,
                                "taxonomy": taxonomy}),
    ]


def test_every_analytics_function(built: Built, reference: Built) -> None:
    taxonomy = reference.ws.taxonomy
    with built.ws.store() as s, reference.ws.store() as r:
        for fn, args, kwargs in _calls(taxonomy):
            want = fn(r, *args, **kwargs).to_dict()
            assert want.get("rows") or want.get("breakouts"), (fn.__name__, kwargs)
            assert fn(s, *args, **kwargs).to_dict() == want, (fn.__name__, kwargs)
            # the join over mentions (no derived table) gives the same
            assert fn(s, *args, use_cache=False, **kwargs).to_dict() == want, fn.__name__


def test_workspace_questions(built: Built, reference: Built) -> None:
    """The front door answers alike (store opened per call, on the engine's settings)."""
    for ws_call in (lambda ws: ws.top(kind="postings", period="2023H1", n=5),
                    lambda ws: ws.growth(kind="postings", base="2023Q1", current="2023Q2",
                                         min_count=2),
                    lambda ws: ws.related("python", period="2023", min_count=2)):
        assert ws_call(built.ws).to_dict() == ws_call(reference.ws).to_dict()


def _report(ws: Any, out: Path) -> dict[str, Any]:
    files = ws.report(out=out, format="json", min_count=2)
    path = next(f for f in files.files if f.name == "report.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.slow
@pytest.mark.timeout(3600)  # the report is hundreds of small queries: ~0.5-4 s each on Spark
def test_report_json(built: Built, reference: Built, tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    got = _report(built.ws, tmp_path / built.engine)
    want = _report(reference.ws, tmp_path / "reference")
    assert got["provenance"].pop("engine") == built.engine
    want["provenance"].pop("engine")
    assert got["provenance"].pop("store") is not None
    want["provenance"].pop("store")
    assert got == want
    assert got["provenance"]["documents"]["postings"] == built.ws.status().kinds[
        "postings"].count


@pytest.mark.parametrize(("what", "fmt"), [("mentions", "jsonl"), ("doc-skills", "csv"),
                                           ("doc-skills", "jsonl")])
def test_exports(built: Built, reference: Built, tmp_path: Path, what: str,
                 fmt: str) -> None:
    """``export mentions|doc-skills`` writes the same rows on every engine, and as many as
    the store holds (mentions) or distinct (document, skill) pairs (doc-skills)."""
    def read(ws: Any, name: str) -> list[dict[str, Any]]:
        out = tmp_path / f"{name}.{fmt}"
        info = ws.export(what, out=out)
        if fmt == "csv":
            with open(out, newline="") as fh:
                rows: list[dict[str, Any]] = list(csv.DictReader(fh))
        else:
            rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert info.rows == len(rows)
        return rows

    got, want = read(built.ws, "got"), read(reference.ws, "want")
    if what == "mentions":
        assert len(got) == built.extract.mentions
        assert {r["text"] for r in got} and all(r["label"] for r in got)
    else:
        pairs = _rows(built.ws, "SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, doc_id, "
                                "skill_id FROM mentions) x")[0]["n"]
        assert len(got) == pairs
        if fmt == "csv":
            assert all(";" not in r["methods"] or r["methods"].split(";") == sorted(
                set(r["methods"].split(";"))) for r in got)
    assert got == want
