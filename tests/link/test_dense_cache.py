"""Label vectors: built once, cached under cache_dir by content hash, reloaded identically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from skillpulse.link.dense import DenseIndex, cache_path
from skillpulse.link.encoder import Encoder
from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.target import LinkTarget, TargetConcept
from skillpulse.setup_assets import main as setup_main

pytestmark = pytest.mark.semantic

TINY = LinkTarget(
    "tiny",
    (
        TargetConcept("t.py", "Python programming", ("Python",)),
        TargetConcept("t.books", "bookkeeping", ("keep accounts",)),
        TargetConcept("t.nurse", "nursing care"),
    ),
)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


def test_vectors_are_cached_and_reloaded(tmp_path: Path, encoder: Encoder) -> None:
    first = DenseIndex(TINY, encoder, tmp_path, max_alts=1)
    path = cache_path(tmp_path, TINY, encoder, 1)
    assert path.exists()
    second = DenseIndex(TINY, encoder, tmp_path, max_alts=1)
    # float16 on disk: equal to the fresh float32 vectors within float16 precision
    assert np.allclose(first.vectors, second.vectors, atol=1e-3)
    assert second.owner.tolist() == [0, 0, 1, 1, 2]


def test_changed_concepts_get_a_new_cache_file(tmp_path: Path, encoder: Encoder) -> None:
    changed = LinkTarget("tiny", (*TINY.concepts[:2], TargetConcept("t.nurse", "nursing")))
    assert cache_path(tmp_path, TINY, encoder, 0) != cache_path(tmp_path, changed, encoder, 0)


def test_vectors_are_unit_length_and_per_text_deterministic(encoder: Encoder) -> None:
    texts = ["keep the books in order", "Python", "a much longer sentence about nursing care"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(together, alone)


def test_tiny_target_links_by_meaning(tmp_path: Path) -> None:
    linker = Linker(TINY, cache_dir=tmp_path)
    assert linker.link("keep the books in order", top=1)[0].skill_id == "t.books"
    assert linker.link("care for patients as a nurse", top=1)[0].skill_id == "t.nurse"
    dense = Linker(TINY, config=LinkerConfig(mode="dense"), cache_dir=tmp_path)
    assert dense.link("writing Python code", top=1)[0].skill_id == "t.py"


def test_setup_assets_second_run_finds_the_cached_esco_vectors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # make test runs setup_assets before pytest; if the vectors are missing this run builds
    # them, and the second run must then find them
    assert setup_main(["--targets", "esco"]) == 0
    assert "link:esco:" in capsys.readouterr().err
    assert setup_main(["--targets", "esco"]) == 0
    err = capsys.readouterr().err
    assert "link:esco: cached" in err
    assert "13896 concepts" in err
    # kNN voting is off by default, so its memory vectors are not built
    assert "link:memory" not in err
