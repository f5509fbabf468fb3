"""Benchmark: top and growth over 50 million stored mentions, beside plain baselines.

Builds (once) a synthetic DuckDB store in ``benchmarks/.work/`` (git-ignored): 10 million
postings spread over 2022-2023, 5 mentions each (50 million rows) over 2,000 skills with a
Zipf-like popularity (skill index ``floor(2000 ** u)``, ``u`` uniform), and one extraction
row per posting. Then times, median of ``--repeat`` runs each:

- baseline: ``SELECT skill_id, COUNT(*) FROM mentions GROUP BY skill_id`` (top 10), the
  cheapest possible count over the same table;
- ``top_skills`` (postings, one quarter and one year) and ``growth`` (quarter over quarter)
  through the library, end to end (taxonomy-version lookup, SQL, statistics).

Run: ``.venv/bin/python benchmarks/bench_analytics.py [--docs 10000000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillpulse.analytics import docskills, growth, top_skills
from skillpulse.store import DuckDBStore

WORK = Path(__file__).parent / ".work"
VERSION = "bench@1#000000000000"


def build(path: Path, docs: int, per_doc: int, skills: int) -> None:
    marker = path.with_suffix(".done")
    expected = f"{docs} {per_doc} {skills}"
    if path.exists() and marker.exists() and marker.read_text() == expected:
        return
    path.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with DuckDBStore(path) as store:
        con = store.con
        span = 2 * 365 * 86400  # two years of seconds
        con.execute(f"""
            INSERT INTO postings (id, posted_at, title, company_size, country, extra)
            SELECT 'p' || CAST(i AS VARCHAR),
                   TIMESTAMP '2022-01-01' + to_seconds(CAST(i * {span} / {docs} AS BIGINT)),
                   'synthetic posting',
                   CASE i % 3 WHEN 0 THEN 'small' WHEN 1 THEN 'midsize' ELSE 'large' END,
                   CASE i % 4 WHEN 0 THEN 'US' WHEN 1 THEN 'GB' WHEN 2 THEN 'DE' ELSE 'IN' END,
                   '{{}}'
            FROM range({docs}) t(i)""")
        con.execute(f"""
            INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version)
            SELECT 'postings', 'p' || CAST(i // {per_doc} AS VARCHAR),
                   'k' || CAST(CAST(floor(pow({skills}, random())) AS INTEGER) AS VARCHAR),
                   'dictionary', '{VERSION}'
            FROM range({docs * per_doc}) t(i)""")
        con.execute(f"""
            INSERT INTO extractions
            SELECT 'postings', 'p' || CAST(i AS VARCHAR), '{VERSION}', {per_doc},
                   TIMESTAMP '2026-01-01'
            FROM range({docs}) t(i)""")
        con.execute("CHECKPOINT")
    marker.write_text(expected)
    print(f"built {path} in {time.perf_counter() - t0:.1f} s")


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=10_000_000)
    ap.add_argument("--per-doc", type=int, default=5)
    ap.add_argument("--skills", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true", help="Rebuild the derived table.")
    ap.add_argument("--no-cache-too", action="store_true",
                    help="Also time the fallback path (join over mentions).")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"analytics_{args.docs}x{args.per_doc}.duckdb"
    build(path, args.docs, args.per_doc, args.skills)
    with DuckDBStore(path) as store:
        mentions = store.scalar("SELECT COUNT(*) FROM mentions")
        print(f"store: {path} ({store.size_bytes() / 1e9:.2f} GB), {mentions:,} mentions")
        seconds, _ = timed(lambda: docskills.prepare(store, refresh=args.rebuild), 1)
        print(f"derived table {docskills.TABLE} ready in {seconds:.1f} s (one-off per change)")
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("baseline: GROUP BY skill_id over all mentions (top 10)", lambda: store.query(
                "SELECT skill_id, COUNT(*) AS n FROM mentions GROUP BY skill_id "
                "ORDER BY n DESC LIMIT 10")),
            ("baseline: GROUP BY skill_id joined to postings in 2023Q2", lambda: store.query(
                "SELECT m.skill_id, COUNT(*) AS n FROM mentions m JOIN postings e "
                "ON m.doc_id = e.id WHERE e.posted_at >= TIMESTAMP '2023-04-01' "
                "AND e.posted_at < TIMESTAMP '2023-07-01' GROUP BY m.skill_id "
                "ORDER BY n DESC LIMIT 10")),
            ("top_skills postings 2023Q2", lambda: top_skills(
                store, kind="postings", period="2023Q2")),
            ("top_skills postings 2023 (year)", lambda: top_skills(
                store, kind="postings", period="2023")),
            ("top_skills postings 2023Q2 where company_size=midsize", lambda: top_skills(
                store, kind="postings", period="2023Q2", where={"company_size": "midsize"})),
            ("growth postings 2023Q1 -> 2023Q2", lambda: growth(
                store, kind="postings", base="2023Q1", current="2023Q2")),
            ("growth postings 2022 -> 2023 (years)", lambda: growth(
                store, kind="postings", base="2022", current="2023")),
        ]
        if args.no_cache_too:
            cases += [
                ("top_skills postings 2023Q2, no derived table", lambda: top_skills(
                    store, kind="postings", period="2023Q2", use_cache=False)),
                ("growth postings 2023Q1 -> 2023Q2, no derived table", lambda: growth(
                    store, kind="postings", base="2023Q1", current="2023Q2",
                    use_cache=False)),
            ]
        print(f"| case | median of {args.repeat} (s) |")
        print("|---|---|")
        for name, fn in cases:
            seconds, _ = timed(fn, args.repeat)
            print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
