"""Benchmark: the demo's steps, and the report step beside baselines.

Baselines, measured in the same run on the same store:
- the four published lists alone (two ``top_skills`` and two ``growth`` calls), against
  ``build_report`` (every figure: headline, six lists with growth, monthly shares, gap,
  survey, provenance);
- ``write_report(format="json")`` against ``format="html"`` (HTML page, 10 Altair charts
  rendered to SVG for the Markdown file);
- the Vega JavaScript bundle from vl-convert, cold (empty cache) and cached.

    .venv/bin/python benchmarks/bench_report.py --scale 1.0 [--out DIR] [--workers 1]
    .venv/bin/python benchmarks/bench_report.py --db DIR/skillpulse.duckdb   # report only
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillpulse import demo


def timed(func: Callable[[], Any]) -> tuple[float, float, Any]:
    c0, t0 = time.process_time(), time.perf_counter()
    result = func()
    return time.perf_counter() - t0, time.process_time() - c0, result


def report_step(db: Path, work: Path) -> list[tuple[str, float, float]]:
    from skillpulse.analytics import growth, top_skills
    from skillpulse.report import build_report, write_report
    from skillpulse.report.charts import vega_lite_version
    from skillpulse.report.render import vega_bundle
    from skillpulse.store import open_store

    tax = demo.load_taxonomy("genai")
    rows: list[tuple[str, float, float]] = []
    copy = work / "bench.duckdb"
    shutil.copy(db, copy)
    with open_store(copy) as store:
        def four() -> None:
            for kind in ("searches", "hires"):
                top_skills(store, kind=kind, period="2023H1", category="generative-ai",
                           taxonomy=tax)
            for kind in ("searches", "profiles"):
                growth(store, kind=kind, base="2023Q1", current="2023Q2",
                       category="generative-ai", taxonomy=tax)

        w, c, _ = timed(four)  # builds the analytics' derived counting table once
        rows.append(("first analytics calls (build the derived counting table)", w, c))
        w, c, _ = timed(four)
        rows.append(("baseline: the four lists alone (analytics)", w, c))
        w, c, report = timed(lambda: build_report(
            store, period=demo.PERIOD, base=demo.BASE, current=demo.CURRENT,
            surge_base=demo.SURGE_BASE, taxonomy=tax, survey=demo.SURVEY_NAME,
            survey_questions=demo.SURVEY_QUESTIONS, survey_by=demo.SURVEY_BY,
            segment=demo.SEGMENT))
        rows.append(("build_report (every figure, cards, top 10, segments)", w, c))
        from skillpulse.analytics.periods import parse_period
        from skillpulse.report.cards import build_cards

        w, c, _ = timed(lambda: build_cards(
            store, report.lists, period=parse_period(demo.PERIOD),
            months=(parse_period(demo.SURGE_BASE), parse_period(demo.CURRENT)),
            taxonomy=tax))
        rows.append((f"of which: the {len(report.cards)} skill cards", w, c))
    w, c, _ = timed(lambda: write_report(report, work / "out", format="json"))
    rows.append(("baseline: write report.json", w, c))
    w, c, _ = timed(lambda: write_report(report, work / "out", format="html"))
    rows.append(("write report.html + report.md + SVG charts (bundle cached)", w, c))
    os.environ["SKILLPULSE_CACHE_DIR"] = str(work / "cold-cache")
    w, c, _ = timed(lambda: vega_bundle(vega_lite_version()))
    rows.append(("Vega JavaScript bundle, cold (vl-convert)", w, c))
    w, c, _ = timed(lambda: vega_bundle(vega_lite_version()))
    rows.append(("Vega JavaScript bundle, cached", w, c))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="keep the demo output here")
    ap.add_argument("--db", type=Path, default=None, help="skip the demo: use this store")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_report_"))
    try:
        db = args.db
        if db is None:
            out = args.out or work / "demo"
            c0 = time.process_time()
            info = demo.run_demo(out, scale=args.scale, workers=args.workers)
            print(f"demo at scale {args.scale}, {args.workers} extraction worker(s): "
                  f"{info.seconds:.1f} s wall, {time.process_time() - c0:.1f} s CPU "
                  "(this process; extraction workers excluded)")
            for step in info.steps:
                print(f"  {step.name:<9} {step.seconds:7.1f} s")
            db = info.store
        print(f"\nreport step on {db}:")
        for name, wall, cpu in report_step(db, work):
            print(f"  {name:<62} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
