#!/usr/bin/env python
"""Cut the small real slices of ESCO, Lightcast and O*NET used by tests/taxonomy.

Deterministic (rows kept in file order, gzip mtime 0). Selection:
- Lightcast: category 17.0 and subcategory 17.0.372.0 rows, every skill of subcategory
  17.0.372.0 (AI and machine learning), named extra skills, the first two labels shared (ignoring case) by two skills
  and the first three rows with a ``nan.nan`` hierarchy;
- ESCO: every label row of a few named skills and of the first 40 skills in the file, plus
  the level_2/level_3 rows of group S5; the hierarchy JSON is copied whole;
- O*NET: every row of a few technologies in computer occupations (SOC 15-*), the first 40
  rows of the file, and the occupation rows of the SOC codes kept.

Usage: .venv/bin/python scripts/build_taxonomy_test_slices.py
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "taxonomies"
OUT = ROOT / "tests" / "data" / "taxonomy"

LC_NAMES = {"Python (Programming Language)", "Communication", "Microsoft Excel",
            "R (Programming Language)", "Go (Programming Language)", "Language Model"}
ESCO_NAMES = {"communication", "R", "Python (computer programming)",
              "natural language processing", "utilise machine learning"}
ONET_NAMES = {"Python", "R", "Go", "TensorFlow", "PyTorch", "OpenAI ChatGPT",
              "Microsoft Excel"}


def read(path: Path, delimiter: str = ",") -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def write(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
        gz.write(out.getvalue().encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def lightcast() -> None:
    rows = read(SHARED / "lightcast" / "lightcast_open_skills_2022-11.csv.gz")
    head, body = rows[0], rows[1:]
    counts = Counter(r[1].casefold() for r in body if r[3] == "skill")
    dupes = sorted(n for n, c in counts.items() if c > 1)[:2]
    nan_ids = [r[0] for r in body if "nan.nan" in r[2]][:3]
    keep = [r for r in body if r[0] in ("17.0", "17.0.372.0") or "17.0.372.0" in r[2]
            or r[1] in LC_NAMES or r[1].casefold() in dupes or r[0] in nan_ids]
    write(OUT / "lightcast" / "lightcast_open_skills_2022-11.csv.gz", [head, *keep])
    shutil.copyfile(SHARED / "lightcast" / "lightcast_hierarchy.json",
                    OUT / "lightcast" / "lightcast_hierarchy.json")


def esco() -> None:
    rows = read(SHARED / "esco" / "esco_v1.1.1_skills_labels.csv.gz")
    head, body = rows[0], rows[1:]
    ids = {r[0] for r in body if r[3] == "preferredLabel" and r[1] in ESCO_NAMES}
    first = list(dict.fromkeys(r[0] for r in body if r[3] == "preferredLabel"))[:40]
    ids |= set(first)
    keep = [r for r in body if r[0] in ids or (r[3].startswith("level_") and r[0].startswith("S5"))]
    write(OUT / "esco" / "esco_v1.1.1_skills_labels.csv.gz", [head, *keep])
    shutil.copyfile(SHARED / "esco" / "esco_v1.1.1_hierarchy.json",
                    OUT / "esco" / "esco_v1.1.1_hierarchy.json")


def onet() -> None:
    rows = read(SHARED / "onet" / "technology_skills.txt.gz", "\t")
    head, body = rows[0], rows[1:]
    keep = [r for i, r in enumerate(body)
            if i < 40 or (r[1] in ONET_NAMES and r[0].startswith("15-"))]
    write(OUT / "onet" / "technology_skills.txt.gz", [head, *keep], "\t")
    socs = {r[0] for r in keep}
    occ = read(SHARED / "onet" / "occupation_data.txt.gz", "\t")
    write(OUT / "onet" / "occupation_data.txt.gz", [occ[0], *[r for r in occ[1:] if r[0] in socs]],
          "\t")


if __name__ == "__main__":
    lightcast()
    esco()
    onet()
    for p in sorted(OUT.rglob("*.gz")):
        print(p.relative_to(ROOT), p.stat().st_size)
