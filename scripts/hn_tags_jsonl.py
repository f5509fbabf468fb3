"""Write the Hacker News "Who is hiring?" posts that carry a stack list as the input of
``skillpulse eval tags`` (``id``, ``title``, ``description``, ``skills``).

    python scripts/hn_tags_jsonl.py ../shared/data/postings/hn_whoishiring/hn_whoishiring_2022-12_2025-10.csv.gz hn_tags.jsonl
    skillpulse eval tags --input hn_tags.jsonl --json

The data set holds structured fields, not the posts' full text: the title is the only text,
the description is empty, and ``languages_frameworks`` (comma-separated) are the tags.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = Path(argv[0]), Path(argv[1])
    opener = gzip.open if src.suffix == ".gz" else open
    written = 0
    with opener(src, "rt", encoding="utf-8", newline="") as fh, \
            out.open("w", encoding="utf-8") as dst:
        for row in csv.DictReader(fh):
            tags = [t.strip() for t in (row.get("languages_frameworks") or "").split(",")]
            tags = [t for t in tags if t]
            if not tags:
                continue
            dst.write(json.dumps({"id": row["post_link_id"], "title": row["job_title"],
                                  "description": "", "skills": tags}) + "\n")
            written += 1
    print(f"{written} posts with tags -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
