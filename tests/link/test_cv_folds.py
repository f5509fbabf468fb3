"""The leak rule of ``scripts/cv_linker.py``: a memory sentence naming a label that only the
held-out fold has leaves that fold's memory (SkillSkape was generated from the validation
labels, docs/linking.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.semantic

SCRIPT = Path(__file__).parents[2] / "scripts" / "cv_linker.py"


@pytest.fixture(scope="module")
def cv() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cv_linker", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_memory_sentence_leaves_only_the_fold_whose_labels_it_alone_would_reveal(
    cv: ModuleType,
) -> None:
    folds = [0, 0, 1, 2]
    golds = [
        frozenset({"manage budgets"}),
        frozenset({"Python (computer programming)"}),  # fold 0 only
        frozenset({"manage budgets", "SQL"}),  # SQL: fold 1 only
        frozenset({"JavaScript"}),  # fold 2 only
    ]
    memory = [
        frozenset({"manage budgets"}),  # also in other folds everywhere: never a leak
        frozenset({"Python (computer programming)", "manage budgets"}),
        frozenset({"SQL"}),
        frozenset({"JavaScript", "SQL"}),
        frozenset({"Java (computer programming)"}),  # no scored sentence has it
    ]
    leaks = cv.label_leaks(folds, golds, memory, 3)
    assert leaks.tolist() == [
        [False, True, False, False, False],
        [False, False, True, True, False],
        [False, False, False, True, False],
    ]


def test_a_label_shared_with_another_fold_is_no_leak(cv: ModuleType) -> None:
    golds = [frozenset({"SQL"}), frozenset({"SQL"})]
    leaks = cv.label_leaks([0, 1], golds, [frozenset({"SQL"})], 2)
    assert not leaks.any()
