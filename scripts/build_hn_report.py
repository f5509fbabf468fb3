"""Rebuild the reference rendering of the Hacker News example (examples/hn_whoishiring/):
ingest the "Who is hiring?" postings, extract skills with the default taxonomy, write the
report without period options (the periods come from the data) and a segment section by
``remote``. One command, deterministic (fixed ``SOURCE_DATE_EPOCH``, relative paths, no
user taxonomy files):

    python scripts/build_hn_report.py                 # writes examples/hn_whoishiring/
    python scripts/build_hn_report.py --out DIR       # elsewhere (the test compares)

The source is ../shared/data/postings/hn_whoishiring/hn_whoishiring_2022-12_2025-10.csv.gz
when present, else its copy in tests/data/report/ (the same bytes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAME = "hn_whoishiring_2022-12_2025-10.csv.gz"
SOURCES = (REPO.parent / "shared" / "data" / "postings" / "hn_whoishiring" / NAME,
           REPO / "tests" / "data" / "report" / NAME)
MAPPING = REPO / "examples" / "hn_whoishiring.toml"
OUT = REPO / "examples" / "hn_whoishiring"
#: 2025-11-01T00:00:00Z: the rendering's "Generated" time.
EPOCH = "1761955200"

#: The example's commands (also in examples/hn_whoishiring/README.md), run in a scratch
#: folder holding the source file as NAME.
COMMANDS = (
    ["ingest", "postings", NAME, "--mapping", "hn_whoishiring.toml", "--db", "hn.duckdb"],
    ["extract", "--db", "hn.duckdb", "--workers", "1", "--quiet"],
    ["report", "--db", "hn.duckdb", "--segment", "remote", "--min-count", "5", "--out",
     "report"],
)


def source() -> Path:
    for path in SOURCES:
        if path.is_file():
            return path
    raise SystemExit(f"no {NAME} in {', '.join(str(p.parent) for p in SOURCES)}")


def build(out: Path, src: Path | None = None) -> Path:
    """Run the example's commands in a scratch folder; copy report.md and charts/ to
    ``out``. Returns ``out``."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.environ.pop("SKILLPULSE_TAXONOMY_FILES", None)
    from skillpulse.cli import main

    src = src or source()
    with tempfile.TemporaryDirectory(prefix="hn-report-") as tmp:
        work = Path(tmp)
        shutil.copyfile(src, work / NAME)
        shutil.copyfile(MAPPING, work / MAPPING.name)
        cwd = Path.cwd()
        os.chdir(work)
        try:
            for argv in COMMANDS:
                code = main(argv)
                if code:
                    raise SystemExit(f"skillpulse {' '.join(argv)} exited {code}")
        finally:
            os.chdir(cwd)
        out.mkdir(parents=True, exist_ok=True)
        if (out / "charts").is_dir():
            shutil.rmtree(out / "charts")
        shutil.copytree(work / "report" / "charts", out / "charts")
        shutil.copyfile(work / "report" / "report.md", out / "report.md")
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    parser.add_argument("--source", type=Path, default=None,
                        help="the postings file (default: the first of "
                             f"{', '.join(str(p) for p in SOURCES)} that exists)")
    args = parser.parse_args()
    src = args.source or source()
    out = build(args.out, src)
    print(f"{out / 'report.md'} (source {src}, sha256 {sha256(src)[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
