"""Issue 18, while the layers move: the two import circles are broken and the fallbacks for
sibling modules that always exist are gone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import skillpulse

SRC = Path(skillpulse.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports when it runs, at any depth of its code (imports for
    the type checker only, under ``if TYPE_CHECKING:``, are left out)."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return out


def test_the_context_rules_do_not_import_name_selection() -> None:
    assert "skillpulse.extract.names" not in _imports(SRC / "extract" / "context.py")
    assert not {"skillpulse.extract.names", "skillpulse.extract.context"} & _imports(
        SRC / "extract" / "words.py")
    # the dependency runs one way now: names -> context -> words
    assert "skillpulse.extract.context" in _imports(SRC / "extract" / "names.py")


def test_the_model_imports_no_loader() -> None:
    loaders = {f"skillpulse.taxonomy.{m}" for m in
               ("catalog", "default", "esco", "lightcast", "onet", "merge", "loading")}
    assert not loaders & _imports(SRC / "taxonomy" / "model.py")
    assert loaders - {"skillpulse.taxonomy.loading"} <= _imports(SRC / "taxonomy" /
                                                                  "loading.py")


def test_factories_still_work_through_the_model() -> None:
    from skillpulse.taxonomy import Taxonomy, loading

    assert Taxonomy.builtin().version == loading.builtin().version
    a, b = Taxonomy.builtin(), Taxonomy.from_concepts([])
    assert Taxonomy.merge(a, b).version == loading.merged(a, b).version


@pytest.mark.parametrize("name", ["extract/names.py", "generate/core.py", "link/target.py",
                                  "extract/store.py"])
def test_no_fallback_for_modules_that_always_exist(name: str) -> None:
    handlers = [n for n in ast.walk(ast.parse((SRC / name).read_text()))
                if isinstance(n, ast.ExceptHandler) and n.type is not None
                and "ImportError" in ast.unparse(n.type)]
    assert handlers == []
