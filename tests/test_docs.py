"""Every ```python block of README.md and docs/*.md runs, exactly as written.

Blocks are collected from the files when the tests are collected, so a new block is covered
without touching this file. The blocks of one file run in order, in one namespace (as a
reader would paste them), in a fresh folder holding a small generated marketplace: its
event files (``postings.jsonl``, ``searches.jsonl``, ``survey.csv``...), a store
``skillpulse.duckdb`` with every kind ingested and extracted and the survey ``leaders``,
a user taxonomy file ``my_skills.yaml`` and the taxonomy source slices of tests/data. The
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
DATA = Path(__file__).parent / "data"
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
#: the generated marketplace: ~260 postings, ~1,500 searches, October 2022 to June 2023
SCALE = 0.005


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

USER_TAXONOMY = """\
name: acme
version: "1"
concepts:
  - id: acme.widget-ai
    label: Widget AI
    aliases: [widgetai]
    category: generative-ai
"""


@pytest.fixture(scope="session")
def doc_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every file's blocks start from (copied for each file)."""
    from skillpulse.extract.store import extract_store
    from skillpulse.generate import generate
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store
    from skillpulse.survey import ingest_survey
    from skillpulse.taxonomy import Taxonomy

    root = tmp_path_factory.mktemp("docs")
    generate(root, seed=0, scale=SCALE)
    with open_store(root / "skillpulse.duckdb") as store:
        for kind in ("postings", "searches", "hires", "profiles"):
            info = ingest_file(store, kind, root / f"{kind}.jsonl")
            assert info.loaded > 0
        ingest_survey(store, root / "survey.csv", name="leaders", weight="weight")
        extract_store(store, Taxonomy.default(), workers=1)
    (root / "my_skills.yaml").write_text(USER_TAXONOMY, encoding="utf-8")
    for sub in ("lightcast", "onet", "esco"):
        for f in (DATA / "taxonomy" / sub).iterdir():
            shutil.copy(f, root / f.name)
    return root


def test_blocks_are_found() -> None:
    """The collector sees the README example (the file every user reads first)."""
    readme = python_blocks(ROOT / "README.md")
    assert any("skillpulse.open" in b.code and "ws.extract()" in b.code for b in readme)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_python_blocks_run(path: Path, doc_folder: Path, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    shutil.copytree(doc_folder, work)
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
