"""Issue 18: ingest on DuckDB keeps memory flat with the file's size. A file's validated rows
and rejects are staged batch by batch in Parquet files beside the store (rows appended to a
DuckDB table inside the file's open transaction stay in memory until it commits), merged from
there, and the files are removed when the append ends, whether it committed or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillpulse.errors import IngestInterrupted
from skillpulse.ingest import ingest_file, pipeline
from skillpulse.store import DuckDBStore


def _postings(path: Path, n: int, *, bad_every: int = 0, dup_every: int = 0) -> Path:
    with open(path, "w") as fh:
        for i in range(n):
            when = "never" if bad_every and i % bad_every == 0 else "2023-03-01"
            ident = f"p{i - 1}" if dup_every and i % dup_every == 0 else f"p{i}"
            fh.write(json.dumps({"id": ident, "posted_at": when,
                                 "title": f"posting {i}", "description": "Python " * 20})
                     + "\n")
    return path


def _staging(folder: Path) -> list[Path]:
    return sorted(folder.glob(".skillpulse-stage-*/*.parquet"))


def test_staged_rows_go_to_parquet_files_not_to_duckdb(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_ROWS", 1000)
    monkeypatch.setattr(pipeline, "REJECT_BATCH_ROWS", 100)
    path = _postings(tmp_path / "p.jsonl", 20_000, bad_every=97, dup_every=101)
    seen: list[tuple[int, int]] = []
    with DuckDBStore(tmp_path / "db" / "sp.duckdb") as store:

        def progress(_bytes: int, rows: int) -> None:
            if rows >= 16_384 and not seen:  # 16 batches of rows and many of rejects staged
                files = _staging(store.path.parent)  # type: ignore[union-attr]
                in_duckdb = store.scalar("SELECT count(*) FROM _stage_postings")
                seen.append((len(files), int(in_duckdb)))

        info = ingest_file(store, "postings", path, progress=progress)
        assert seen and seen[0][0] == 2  # one file of rows, one of rejects, written batch by batch
        assert seen[0][1] == 0  # nothing staged inside DuckDB
        assert not list((tmp_path / "db").glob(".skillpulse-stage-*"))  # removed after
        # the accounting and the first-in-file-order rule hold through the files
        assert info.read == 20_000
        assert info.read == info.loaded + info.rejected + info.duplicates
        assert info.rejected == len(range(0, 20_000, 97))
        assert store.scalar("SELECT count(*) FROM postings") == info.loaded
        assert store.scalar("SELECT count(*) FROM rejects") == info.rejected
        first = store.scalar("SELECT title FROM postings WHERE id = 'p100'")
        assert first == "posting 100"  # line 101 repeats p100 and is the duplicate
        assert info.top_reasons and info.top_reasons[0].field == "posted_at"


def test_an_interrupted_append_stores_nothing_and_leaves_no_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_ROWS", 1000)
    path = _postings(tmp_path / "p.jsonl", 10_000)

    def stop(_bytes: int, rows: int) -> None:
        if rows >= 8192:
            raise KeyboardInterrupt

    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        with pytest.raises(IngestInterrupted):
            ingest_file(store, "postings", path, progress=stop)
        assert store.scalar("SELECT count(*) FROM postings") == 0
        assert not list(tmp_path.glob(".skillpulse-stage-*"))
        info = ingest_file(store, "postings", path)  # and the next run loads it all
        assert info.loaded == 10_000


def test_a_file_with_nothing_valid_or_nothing_rejected_merges(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        ok = ingest_file(store, "postings", _postings(tmp_path / "ok.jsonl", 50))
        bad = ingest_file(store, "postings", _postings(tmp_path / "bad.jsonl", 50, bad_every=1))
        assert (ok.loaded, ok.rejected) == (50, 0)
        assert (bad.loaded, bad.rejected) == (0, 50)
        empty = tmp_path / "empty.jsonl"
        empty.write_text("")
        assert ingest_file(store, "postings", empty).read == 0
