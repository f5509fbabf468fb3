"""Every ```python block of README.md and docs/*.md runs, exactly as written.

Blocks are collected from the files when the tests are collected, so a new block is covered
without touching this file. The blocks of one file run in order, in one namespace (as a
reader would paste them), in a fresh copy of the ``market_folder`` fixture (conftest.py): a
small generated marketplace, its store ``skillpulse.duckdb`` (every kind ingested and
extracted, the survey ``leaders``), ``my_skills.yaml`` and the taxonomy source slices. The
README's own example builds ``market.duckdb`` from the event files (ingest, extract, top,
report), so it is checked end to end.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Block:
    file: str
    line: int
    code: str


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def python_blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    return [Block(path.relative_to(ROOT).as_posix(), text[: m.start()].count("\n") + 2,
                  m.group(1)) for m in BLOCK.finditer(text)]


FILES = [p for p in doc_files() if python_blocks(p)]

def test_blocks_are_found() -> None:
    """The collector sees the README example (the file every user reads first)."""
    readme = python_blocks(ROOT / "README.md")
    assert any("skillpulse.open" in b.code and "ws.extract()" in b.code for b in readme)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_python_blocks_run(path: Path, market_folder: Path, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    shutil.copytree(market_folder, work)
    monkeypatch.chdir(work)
    namespace: dict[str, object] = {"__name__": "__doc__"}
    for block in python_blocks(path):
        # padded so that tracebacks give the line in the Markdown file
        code = compile("\n" * (block.line - 1) + block.code, block.file, "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # name the block that failed
            raise AssertionError(f"{block.file}, block at line {block.line} failed: "
                                 f"{type(exc).__name__}: {exc}") from exc
