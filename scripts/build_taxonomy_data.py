#!/usr/bin/env python
"""Regenerate the general taxonomies bundled as package data from ``../shared``.

Deterministic: same input files, same output bytes (gzip with mtime 0 and no file name,
rows in input order). What is dropped to save space:

- ESCO labels: ``hierarchy_levels`` is kept on the preferred-label row only (the loader reads
  a skill's hierarchy from its first non-empty row);
- O*NET occupations: the ``Description`` column (only codes and titles are used).

Usage: .venv/bin/python scripts/build_taxonomy_data.py [--shared ../shared/data/taxonomies]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "skillpulse" / "taxonomy" / "data" / "general"


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def read_text(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return fh.read()


def esco(src: Path, dst: Path) -> None:
    rows = list(csv.reader(io.StringIO(read_text(src / "esco_v1.1.1_skills_labels.csv.gz"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    col = rows[0].index("hierarchy_levels")
    kind = rows[0].index("type")
    for row in rows[1:]:
        if row[kind] == "altLabels":
            row = [*row[:col], "", *row[col + 1:]]
        writer.writerow(row)
    write_gz(dst / "esco_v1.1.1_skills_labels.csv.gz", out.getvalue())
    shutil.copyfile(src / "esco_v1.1.1_hierarchy.json", dst / "esco_v1.1.1_hierarchy.json")


def lightcast(src: Path, dst: Path) -> None:
    name = "lightcast_open_skills_2022-11.csv.gz"
    write_gz(dst / name, read_text(src / name))
    shutil.copyfile(src / "lightcast_hierarchy.json", dst / "lightcast_hierarchy.json")


def onet(src: Path, dst: Path) -> None:
    write_gz(dst / "technology_skills.txt.gz", read_text(src / "technology_skills.txt.gz"))
    lines = read_text(src / "occupation_data.txt.gz").splitlines()
    kept = ["\t".join(line.split("\t")[:2]) for line in lines]
    write_gz(dst / "occupation_data.txt.gz", "\n".join(kept) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "taxonomies")
    args = parser.parse_args()
    for sub, build in (("esco", esco), ("lightcast", lightcast), ("onet", onet)):
        dst = OUT / sub
        dst.mkdir(parents=True, exist_ok=True)
        build(args.shared / sub, dst)
    for path in sorted(OUT.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(ROOT)}\t{path.stat().st_size}")


if __name__ == "__main__":
    main()
