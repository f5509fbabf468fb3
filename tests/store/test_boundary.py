"""Issue 18: the store owns every query. Outside ``skillpulse.store`` no module imports an
engine (duckdb, pyspark) or touches a connection (``.con``); the kind contract is declared
once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import skillpulse

SRC = Path(skillpulse.__file__).parent
ENGINE_IMPORT = re.compile(r"^\s*(import|from)\s+(duckdb|pyspark)\b", re.MULTILINE)
CONNECTION = re.compile(r"\.con\b(?!\w)")


def _outside_store() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "store" not in p.relative_to(SRC).parts[:1]]


def test_the_scan_sees_the_package() -> None:
    files = _outside_store()
    assert len(files) > 50
    assert not any(p.relative_to(SRC).parts[0] == "store" for p in files)
    # the patterns find what they look for (in the store package itself)
    store_src = (SRC / "store" / "duckdb.py").read_text()
    assert ENGINE_IMPORT.search(store_src) and CONNECTION.search(store_src)


@pytest.mark.parametrize("pattern", [ENGINE_IMPORT, CONNECTION], ids=["import", "connection"])
def test_no_engine_outside_store(pattern: re.Pattern[str]) -> None:
    offenders = [f"{p.relative_to(SRC)}:{text[:m.start()].count(chr(10)) + 1}"
                 for p in _outside_store()
                 for text in [p.read_text()] for m in pattern.finditer(text)]
    assert offenders == []


def test_store_typed_one_way() -> None:
    """Outside ``skillpulse.store`` a store is a :class:`Store` (the protocol): never the
    DuckDB class, never ``Any``."""
    loose = re.compile(r"\bstore: Any\b|\bDuckDBStore\b")
    offenders = [f"{p.relative_to(SRC)}:{text[:m.start()].count(chr(10)) + 1}"
                 for p in _outside_store()
                 for text in [p.read_text()] for m in loose.finditer(text)]
    assert offenders == []


def test_kinds_declared_once() -> None:
    from skillpulse.cli.ingest import KIND_CHOICES
    from skillpulse.cli.rank import KINDS as RANK_KINDS
    from skillpulse.extract.doc import canonical_kind
    from skillpulse.extract.pipeline import FIELDS
    from skillpulse.generate.core import TIME_FIELD
    from skillpulse.ingest.kinds import KINDS as INGEST_KINDS
    from skillpulse.store.kinds import KINDS
    from skillpulse.store.schema import CONTRACT_COLUMNS, EVENT_TABLES

    names = tuple(KINDS)
    assert names == ("postings", "searches", "hires", "profiles")
    assert INGEST_KINDS is KINDS
    assert tuple(EVENT_TABLES) == tuple(FIELDS) == tuple(TIME_FIELD) == names
    assert tuple(RANK_KINDS) == names and [*names, "survey"] == KIND_CHOICES
    for name, spec in KINDS.items():
        assert EVENT_TABLES[name] == TIME_FIELD[name] == spec.time_field
        assert FIELDS[name] == spec.extract_fields
        assert CONTRACT_COLUMNS[name][0] == "id"
        assert set(spec.field_names) <= set(CONTRACT_COLUMNS[name])
        assert canonical_kind(spec.singular) == name
    assert FIELDS["searches"] == ("query",)
    assert FIELDS["profiles"] == ("title", "overview", "skills")


def test_one_unknown_kind_error(tmp_path: Path) -> None:
    from skillpulse.analytics import top_skills
    from skillpulse.errors import AnalyticsError, UnknownKindError
    from skillpulse.ingest import ingest_file
    from skillpulse.store import DuckDBStore
    from skillpulse.store.inspect import export_events

    with DuckDBStore(tmp_path / "s.duckdb") as store:
        for call in (lambda: top_skills(store, kind="jobs", period="2023"),
                     lambda: ingest_file(store, "jobs", tmp_path / "x.jsonl"),
                     lambda: export_events(store, "jobs", tmp_path / "x.csv")):
            with pytest.raises(UnknownKindError, match="unknown kind 'jobs'") as err:
                call()
            assert isinstance(err.value, AnalyticsError)


def test_duckdb_store_satisfies_the_protocol(tmp_path: Path) -> None:
    from skillpulse.store import DuckDBStore
    from skillpulse.store.base import Store

    with DuckDBStore(tmp_path / "s.duckdb") as store:
        assert isinstance(store, Store)


def test_schema_ddl_from_the_kind_specs(tmp_path: Path) -> None:
    from skillpulse.store import DuckDBStore
    from skillpulse.store.kinds import KINDS
    from skillpulse.store.schema import arrow_schema

    with DuckDBStore(tmp_path / "s.duckdb") as store:
        for name, spec in KINDS.items():
            got = store.query(f"SELECT * FROM {name} LIMIT 0").schema
            assert got.names == spec.arrow_schema().names == arrow_schema(name).names
            assert got.types == spec.arrow_schema().types
            nullable = {r[0]: r[1] for r in store.rows(
                "SELECT column_name, is_nullable FROM information_schema.columns "
                "WHERE table_name = ?", [name])}
            assert {c for c, n in nullable.items() if n == "NO"} == {
                f.name for f in spec.arrow_schema() if not f.nullable}
