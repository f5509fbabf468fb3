"""Rebuild ``src/skillpulse/extract/data/english_zipf.txt`` from the ``wordfreq`` package.

The table holds every alphabetic ASCII English word whose Zipf frequency in ``wordfreq`` 3.x
is at least 2.5, with that frequency to one decimal. Extraction uses it to tell taxonomy names
that are ordinary English ("library", "track", "reduce") from distinctive ones ("kubernetes",
"sharepoint"); see docs/extraction.md. ``wordfreq`` is needed only to rebuild the table
(``pip install 'wordfreq>=3.1,<4'``); the engine reads the shipped file.

The word lists of ``wordfreq`` are licensed CC BY-SA 4.0 (Robyn Speer and contributors;
sources listed at https://github.com/rspeer/wordfreq); the derived table carries that
licence and attribution in its header.

Usage: python scripts/build_english_zipf.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = """\
# Zipf frequency of English words (log10 of occurrences per billion words), from wordfreq 3.x
# (https://github.com/rspeer/wordfreq, Robyn Speer et al.), words of Zipf >= 2.5 only.
# Derived from the wordfreq word lists: licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). Rebuild: scripts/build_english_zipf.py
"""


def main(argv: list[str]) -> int:
    import wordfreq

    out = Path(argv[1]) if len(argv) > 1 else (
        Path(__file__).parents[1] / "src" / "skillpulse" / "extract" / "data" / "english_zipf.txt")
    lines = [HEADER]
    for word in wordfreq.top_n_list("en", 400_000):
        if not (word.isascii() and word.isalpha()):
            continue
        z = wordfreq.zipf_frequency(word, "en")
        if z < 2.5:
            break
        lines.append(f"{word} {z:.1f}\n")
    out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines) - 1} words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
