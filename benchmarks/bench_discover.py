"""``skillpulse discover`` (issue 19): speed on a demo-size store, and rediscovery.

    .venv/bin/python benchmarks/bench_discover.py [--scale 1.0] [--hn PATH]
        [--heldout 100 101 102 103] [--heldout-scale 0.3] [--skip-speed]

1. generates the synthetic marketplace with ``--emerging`` (surging real 2023-2026 tools and
   four invented ones) at ``--scale`` (1.0 is the demo's size), ingests postings and searches;
2. times ``discover`` on postings (2022Q4 -> 2023Q2) and on searches, beside a same-run
   baseline: reading the same documents from the store without looking at their text;
3. rediscovery on the synthetic postings: the 22 real tools' concepts removed from the
   default taxonomy; recall@25 of them, recall@25 of the invented tools, precision@25 (a
   candidate is accepted when it is a planted tool);
4. with ``--hn`` (the HN "Who is hiring?" CSV): ingest, extract, remove 22 concepts (the eight
   the issue names and 14 that HN tags name more in 2025 than in 2023), discover 2023 -> 2025
   with --min-count 3 and 2, print the top 25 and precision@25 from the hand judgements in
   tests/data/discover/hn_judgements.json (unjudged candidates are listed);
5. with ``--heldout SEEDS``: for each seed a marketplace of ``--heldout-scale`` with eight
   invented tools of :func:`skillpulse.generate.emerging.invented_tools` (every name and
   growth shape) written in the varied phrasing, the full default taxonomy; recall@25 of the
   invented tools a taxonomy name does not already cover. Tuned on seeds 0-5; 100 and up
   are held out.
Timings are noisy on the shared 2-core machine: read the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "discover"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--hn", type=Path, default=None)
    ap.add_argument("--heldout", type=int, nargs="*", default=[])
    ap.add_argument("--heldout-scale", type=float, default=0.3)
    ap.add_argument("--skip-speed", action="store_true",
                    help="skip steps 1-3 (the demo-size marketplace)")
    args = ap.parse_args()

    from skillpulse.discover.emerging import without_concepts
    from skillpulse.generate.emerging import REAL
    from skillpulse.taxonomy import Taxonomy

    tax = Taxonomy.default()
    reduced = without_concepts(tax, [t.skill_id for t in REAL if t.skill_id])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if not args.skip_speed:
            _speed_and_synthetic(root, args.scale, tax, reduced)
        if args.hn:
            _hn(root, args.hn, tax)
        for seed in args.heldout:
            _heldout(root / f"h{seed}", seed, args.heldout_scale, tax)


def _speed_and_synthetic(root: Path, scale: float, tax: Any, reduced: Any) -> None:
    from skillpulse.analytics.scope import as_period
    from skillpulse.discover.emerging import _documents, discover, recall_precision
    from skillpulse.generate import generate
    from skillpulse.generate.emerging import INVENTED, REAL
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store

    generate(root / "data", seed=0, scale=scale, emerging=True)
    db = root / "s.duckdb"
    with open_store(db) as store:
        for kind in ("postings", "searches"):
            ingest_file(store, kind, root / "data" / f"{kind}.jsonl")
        for kind in ("postings", "searches"):
            t0 = time.perf_counter()
            n = sum(1 for _ in _documents(store, kind, as_period("2023Q2").end))
            base_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            result = discover(store, kind=kind, base="2022Q4", current="2023Q2",
                              taxonomy=tax, top=50, nearest=False)
            disc_s = time.perf_counter() - t0
            print(f"{kind}: {n} documents; read only {base_s:.2f} s; discover "
                  f"{disc_s:.2f} s ({disc_s / base_s:.1f}x the read); "
                  f"{result.terms_seen} terms, {len(result.candidates)} listed")
        res = discover(store, kind="postings", base="2022Q4", current="2023Q2",
                       taxonomy=reduced, top=25, nearest=False)
    terms = [c.term for c in res.candidates]
    r_real, missed = recall_precision(terms, [[t.name] for t in REAL], 25)
    r_inv, _ = recall_precision(terms, [[t.name] for t in INVENTED], 25)
    ok = {t.name for t in (*REAL, *INVENTED)}
    print(f"synthetic rediscovery: recall@25 {r_real:.3f} (missed {missed}), invented "
          f"{r_inv:.3f}, precision@25 {sum(t in ok for t in terms) / len(terms):.3f}")
    print("top 25:", ", ".join(terms))


def _hn(root: Path, path: Path, tax: Any) -> None:
    from test_hn import DATA, GROWING, MAPPING, NAMED

    from skillpulse.discover.emerging import discover, recall_precision, without_concepts
    from skillpulse.extract.store import extract_store
    from skillpulse.ingest import build_mapping, ingest_file
    from skillpulse.store import open_store

    judged = json.loads((DATA / "hn_judgements.json").read_text("utf-8"))["skill"]
    hdb = root / "hn.duckdb"
    removed = NAMED + GROWING
    names = {i: [tax.get(i).label, *tax.get(i).aliases] for i in removed}
    with open_store(hdb) as store:
        ingest_file(store, "postings", path, mapping=build_mapping(MAPPING, ()))
        extract_store(store, tax, workers=1)
        for min_count in (3, 2):
            hn = discover(store, kind="postings", base="2023", current="2025",
                          taxonomy=without_concepts(tax, removed), min_count=min_count,
                          top=25, nearest=False)
            terms = [c.term for c in hn.candidates]
            r_all, missed = recall_precision(terms, [names[i] for i in removed], 25)
            r_grow, _ = recall_precision(terms, [names[i] for i in GROWING], 25)
            ok = [judged.get(t) for t in terms]
            print(f"HN rediscovery --min-count {min_count}: recall@25 {r_all:.3f} of 22, "
                  f"{r_grow:.3f} of the 14; precision@25 "
                  f"{sum(bool(x) for x in ok) / max(1, len(terms)):.3f} "
                  f"({len(terms)} candidates, unjudged "
                  f"{[t for t, x in zip(terms, ok, strict=True) if x is None]}); "
                  f"missed {missed}")
            for c in hn.candidates:
                print(f"  {c.rank:2d} {c.term} {c.base_count}->{c.current_count} "
                      f"low {c.ratio_low:.2f}")


def _heldout(root: Path, seed: int, scale: float, tax: Any) -> None:
    from skillpulse.discover.emerging import _Coverage, discover, recall_precision
    from skillpulse.generate import generate
    from skillpulse.generate.emerging import invented_tools
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store

    tools = invented_tools(seed, 8)
    generate(root / "data", seed=seed, scale=scale, emerging_tools=tools, phrasing="varied")
    with open_store(root / "s.duckdb") as store:
        ingest_file(store, "postings", root / "data" / "postings.jsonl")
        res = discover(store, kind="postings", base="2022Q4", current="2023Q2", taxonomy=tax,
                       top=25, nearest=False)
    covered = _Coverage(tax)
    new = [t.name for t in tools if not covered(t.name)]
    terms = [c.term for c in res.candidates]
    recall, missed = recall_precision(terms, [[n] for n in new], 25)
    print(f"held-out seed {seed}: {len(new)} invented tools not covered ({new}); "
          f"recall@25 {recall:.3f}, missed {missed}")


if __name__ == "__main__":
    main()
