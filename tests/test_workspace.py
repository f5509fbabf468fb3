"""The front door: ``skillpulse.open()`` and its Workspace (issue 14, "One front door").

The Workspace is checked against the library functions it wraps and against the CLI, run as
a real subprocess (its ``--json`` output is the contract a REST API will mirror)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import skillpulse
from skillpulse.errors import SkillpulseError, StoreError

REPO = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"


def cli_json(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Any:
    proc = subprocess.run([sys.executable, "-m", "skillpulse.cli", *args, "--json"],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def as_json(data: Any) -> Any:
    """What the CLI's ``echo_json`` makes of a result's ``to_dict()``."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


@pytest.fixture
def market(market_folder: Path, tmp_path: Path) -> Path:
    work = tmp_path / "market"
    shutil.copytree(market_folder, work)
    return work


def test_import_is_cheap_and_exposes_open() -> None:
    code = ("import sys, skillpulse; print(callable(skillpulse.open), "
            "'skillpulse.workspace' in sys.modules, 'duckdb' in sys.modules, "
            "'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "False", "False", "False"]


def test_extract_store_is_importable_from_extract() -> None:
    from skillpulse.extract import ExtractInfo, extract_store
    from skillpulse.extract.store import extract_store as original

    assert extract_store is original
    assert hasattr(ExtractInfo, "to_dict")


def test_one_to_dict_name_on_every_info_object() -> None:
    """No ``as_dict`` (or other spelling) left beside ``to_dict`` in the package."""
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "src").rglob("*.py")
                 if "def as_dict(" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_whole_path_from_event_files(market_folder: Path, tmp_path: Path) -> None:
    """ingest -> extract -> top -> report, the README's path, on a new store."""
    for name in ("postings.jsonl", "searches.jsonl"):
        shutil.copy(market_folder / name, tmp_path / name)
    ws = skillpulse.open(tmp_path / "new.duckdb")
    info = ws.ingest("postings", tmp_path / "postings.jsonl")
    assert info.read == info.loaded + info.rejected + info.duplicates and info.loaded > 100
    extracted = ws.extract(workers=1)
    assert extracted.documents["postings"] == info.loaded and extracted.mentions > 0
    assert ws.extract(workers=1).total_documents == 0  # incremental
    top = ws.top(kind="postings", period="2023Q2", category="generative-ai", n=5)
    assert 0 < len(top.rows) <= 5 and top.rows[0].count >= top.rows[-1].count > 0
    assert 0 < top.exposure < info.loaded  # the postings of one quarter of nine months
    files = ws.report(out=tmp_path / "rep", period="2023H1", base="2023Q1", current="2023Q2",
                      surge_base="2022Q4", format="json")
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert [str(f) for f in files.files] == [str(tmp_path / "rep" / "report.json")]
    assert report["lists"], "the report has ranked lists"


def test_results_give_pandas_arrow_and_dict(market: Path) -> None:
    ws = skillpulse.open(market / "skillpulse.duckdb")
    results = [
        ws.top(kind="searches", period="2023H1", n=5),
        ws.growth(kind="searches", base="2023Q1", current="2023Q2", min_count=3),
        ws.share(kind="postings", category="generative-ai", by="quarter", base="2022Q4",
                 current="2023Q2"),
        ws.gap(period="2023Q2", min_count=2),
        ws.related("ChatGPT", kind="postings", period="2023H1", min_count=2),
        ws.survey_share(name="leaders", question="embraces_genai", by="company_size"),
        ws.status(),
    ]
    for res in results:
        frame, table, data = res.to_pandas(), res.to_arrow(), res.to_dict()
        assert isinstance(frame, pd.DataFrame) and isinstance(table, pa.Table)
        assert isinstance(data, dict) and len(frame) == table.num_rows
        if hasattr(res, "rows"):
            assert len(frame) >= len(res.rows) > 0, type(res).__name__


def test_workspace_equals_the_library_functions(market: Path) -> None:
    from skillpulse.analytics import growth, top_skills
    from skillpulse.store import open_store
    from skillpulse.taxonomy import Taxonomy

    ws = skillpulse.open(market / "skillpulse.duckdb")
    tax = Taxonomy.default()
    with open_store(market / "skillpulse.duckdb") as store:
        top = top_skills(store, kind="postings", period="2023", category="generative-ai",
                         where={"company_size": ["small", "midsize"]}, taxonomy=tax)
        grown = growth(store, kind="searches", base="2023Q1", current="2023Q2", min_count=3,
                       taxonomy=tax)
    assert ws.top(kind="postings", period="2023", category="generative-ai",
                  where=["company_size=small", "company_size=midsize"]) == top
    assert ws.top(kind="postings", period="2023", category="generative-ai",
                  where={"company_size": ["small", "midsize"]}) == top
    assert ws.growth(kind="searches", base="2023Q1", current="2023Q2", min_count=3) == grown


@pytest.mark.parametrize("args, call", [
    (["top", "--kind", "searches", "--period", "2023Q2", "--category", "generative-ai",
      "-n", "10"],
     lambda ws: ws.top(kind="searches", period="2023Q2", category="generative-ai", n=10)),
    (["top", "--kind", "postings", "--from", "2023-01", "--to", "2023-05", "--by",
      "company_size"],
     lambda ws: ws.top(kind="postings", start="2023-01", end="2023-05", by="company_size")),
    (["growth", "--kind", "searches", "--base", "2023Q1", "--current", "2023Q2",
      "--min-count", "3"],
     lambda ws: ws.growth(kind="searches", base="2023Q1", current="2023Q2", min_count=3)),
    (["share", "--kind", "postings", "--category", "generative-ai", "--by", "quarter",
      "--base", "2022Q4", "--current", "2023Q2"],
     lambda ws: ws.share(kind="postings", category="generative-ai", by="quarter",
                         base="2022Q4", current="2023Q2")),
    (["gap", "--period", "2023Q2", "--min-count", "2", "--category", "generative-ai"],
     lambda ws: ws.gap(period="2023Q2", min_count=2, category="generative-ai")),
    (["related", "ChatGPT", "--kind", "postings", "--period", "2023H1", "--min-count", "2",
      "--measure", "npmi"],
     lambda ws: ws.related("ChatGPT", kind="postings", period="2023H1", min_count=2,
                           measure="npmi")),
    (["survey", "share", "--name", "leaders", "--question", "embraces_genai", "--answer",
      "yes", "--by", "company_size"],
     lambda ws: ws.survey_share(name="leaders", question="embraces_genai", answer="yes",
                                by="company_size")),
    (["survey", "questions", "--name", "leaders", "--max-answers", "3"],
     lambda ws: ws.survey_questions(name="leaders", max_answers=3)),
    (["status"], lambda ws: ws.status()),
], ids=["top", "top-range-by", "growth", "share", "gap", "related", "survey-share",
        "survey-questions", "status"])
def test_cli_json_is_the_workspace_result(market: Path, args: list[str], call: Any) -> None:
    """Same arguments, same JSON: the CLI is a thin layer over the Workspace."""
    expected = as_json(call(skillpulse.open(market / "skillpulse.duckdb")).to_dict())
    got = cli_json(*args, cwd=market)  # the store is ./skillpulse.duckdb there
    if args[0] == "status":  # the size moves when a connection checkpoints
        got.pop("db_bytes"), expected.pop("db_bytes")
    assert got == expected
    assert got.get("rows", True) and got.get("questions", True), "empty results prove little"


def test_rejects_cli_json_is_the_workspace_result(market: Path) -> None:
    found = skillpulse.open(market / "skillpulse.duckdb").rejects(kind="postings", limit=5)
    assert 0 < len(found) <= 5  # the generated files plant bad rows
    got = cli_json("rejects", "--kind", "postings", "--limit", "5", cwd=market)
    assert got == as_json({"rejects": [r.to_dict() for r in found]})


def test_related_table_prints_every_measure(market: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "skillpulse.cli", "related", "ChatGPT", "--kind", "postings",
         "--period", "2023H1", "--min-count", "2"],
        capture_output=True, text=True, cwd=market, timeout=300,
        env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    header = next(line for line in proc.stdout.splitlines() if "npmi" in line.split())
    for column in ("both", "count", "lift", "pmi", "npmi", "confidence"):
        assert column in header.split(), column
    assert "ranked by lift" in proc.stdout


def test_ingest_with_a_mapping_file_or_dict(tmp_path: Path) -> None:
    """``mapping=`` takes the TOML file of ``--mapping`` or the pairs of ``--map``."""
    source = DATA / "ingest" / "hn_whoishiring_slice.csv.gz"
    toml = REPO / "examples" / "hn_whoishiring.toml"
    from skillpulse.ingest.mapping import load_mapping

    by_file = skillpulse.open(tmp_path / "a.duckdb").ingest("postings", source, mapping=toml)
    pairs = load_mapping(toml).columns
    by_dict = skillpulse.open(tmp_path / "b.duckdb").ingest("postings", source,
                                                             mapping=dict(pairs))
    assert by_file.loaded > 0
    assert (by_file.read, by_file.loaded, by_file.rejected) == (
        by_dict.read, by_dict.loaded, by_dict.rejected)


def test_ingest_survey(market_folder: Path, tmp_path: Path) -> None:
    ws = skillpulse.open(tmp_path / "s.duckdb")
    info = ws.ingest("survey", market_folder / "survey.csv", name="leaders", weight="weight")
    assert info.to_dict()["loaded"] == 1400
    res = ws.survey_share(name="leaders", question="embraces_genai", answer=["yes"])
    assert res.base > 1000 and len(res.rows) == 1


def test_reading_needs_a_store(tmp_path: Path) -> None:
    ws = skillpulse.open(tmp_path / "typo.duckdb")
    with pytest.raises(StoreError, match=r"typo\.duckdb"):
        ws.top(kind="postings", period="2023")
    assert not (tmp_path / "typo.duckdb").exists()


def test_taxonomy_files_setting_reaches_the_taxonomy(market: Path) -> None:
    ws = skillpulse.open(market / "skillpulse.duckdb", taxonomy_files=[market / "my_skills.yaml"])
    assert ws.taxonomy.resolve("widgetai").id == "acme.widget-ai"
    assert "acme@1" in ws.taxonomy.version
    only = skillpulse.workspace.Workspace(ws.settings, default_taxonomy=False)
    assert len(only.taxonomy) == 1


def test_where_strings_must_be_field_value() -> None:
    from skillpulse.workspace import parse_where

    assert parse_where(["a=1", "a=2", "b=x"]) == {"a": ["1", "2"], "b": ["x"]}
    assert parse_where({"a": "1", "b": ("x", "y")}) == {"a": ["1"], "b": ["x", "y"]}
    with pytest.raises(SkillpulseError, match="--where expects FIELD=VALUE"):
        parse_where(["country"])


def _mapping_takes(keyword: str) -> bool:
    import inspect

    from skillpulse.ingest.mapping import build_mapping

    return keyword in inspect.signature(build_mapping).parameters


@pytest.mark.skipif(not _mapping_takes("constants"),
                    reason="build_mapping(constants=...) is the ingest helper's contract")
def test_ingest_set_constants_and_id_from(tmp_path: Path) -> None:
    """``set=`` and ``id_from=`` reach the mapping (``--set``, ``--id-from``): a file with no
    date and no ID column loads with the constant date and hashed IDs."""
    import duckdb

    csv = tmp_path / "posts.csv"
    csv.write_text("url,title,tags\nhttps://a/1,LLM engineer,\"['ChatGPT', 'Python']\"\n"
                   "https://a/2,Data analyst,\"['SQL']\"\n", encoding="utf-8")
    ws = skillpulse.open(tmp_path / "s.duckdb")
    info = ws.ingest("postings", csv, mapping={"title": "title", "skills": "tags"},
                     set={"posted_at": "2025-02-15"}, id_from="url")
    assert (info.read, info.loaded, info.rejected) == (2, 2, 0)
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT id, CAST(posted_at AS DATE)::VARCHAR FROM postings "
                           "ORDER BY title").fetchall()
    assert [d for _, d in rows] == ["2025-02-15", "2025-02-15"]
    assert len({i for i, _ in rows}) == 2 and all(i not in ("", None) for i, _ in rows)
    again = skillpulse.open(tmp_path / "s.duckdb").ingest(
        "postings", csv, mapping={"title": "title", "skills": "tags"},
        set={"posted_at": "2025-02-15"}, id_from=["url"])
    assert again.duplicates == 2  # the same rows hash to the same IDs


def test_with_block_keeps_one_connection(market: Path) -> None:
    db = market / "skillpulse.duckdb"
    with skillpulse.open(db) as ws:
        first = ws.top(kind="searches", period="2023Q2")
        with ws.store() as a, ws.store() as b:
            assert a is b  # held
        assert ws.top(kind="searches", period="2023Q2") == first
        held = a
    assert ws._held is None
    import duckdb

    with pytest.raises(duckdb.ConnectionException):  # closed with the block
        held.rows("SELECT 1")
    ws2 = skillpulse.open(db)
    with ws2.store() as c, ws2.store() as d:
        assert c is not d  # outside a block each use opens its own


def test_every_workspace_method_is_in_the_readme() -> None:
    from skillpulse.workspace import Workspace

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    public = [n for n, v in vars(Workspace).items() if callable(v) and not n.startswith("_")]
    missing = [n for n in public if f"ws.{n}(" not in readme]
    assert public and missing == []
