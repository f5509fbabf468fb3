"""The category hierarchy (``data/categories.yaml``): broader and narrower categories.

A concept's ``category`` is one name; this module adds the tree above the names
(``llm-era`` ⊂ ``generative-ai`` ⊂ ``ai-ml``) and narrow categories defined by members, so
``--category`` accepts any level. Categories the file does not name are leaves of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from skillpulse.errors import TaxonomyFileError

FILE = "categories.yaml"


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    parent: str | None = None
    description: str = ""
    #: concepts of this category whatever their own ``category`` field
    members: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def categories() -> Mapping[str, Category]:
    """The bundled category tree, by ID."""
    path = f"skillpulse/taxonomy/data/{FILE}"
    text = (resources.files("skillpulse.taxonomy") / "data" / FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    out: dict[str, Category] = {}
    for i, item in enumerate(data.get("categories", [])):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise TaxonomyFileError(path, None, f"categories[{i}].id", "is required")
        out[item["id"]] = Category(
            id=item["id"], label=str(item.get("label") or item["id"]),
            parent=item.get("parent"), description=str(item.get("description") or ""),
            members=tuple(item.get("members") or ()),
        )
    for c in out.values():
        if c.parent is not None and c.parent not in out:
            raise TaxonomyFileError(path, None, f"{c.id}.parent", f"unknown category {c.parent!r}")
    return out


def narrower(category: str) -> list[Category]:
    """``category`` (when the file names it) and every category below it."""
    tree = categories()
    out = [tree[category]] if category in tree else []
    frontier = [category]
    while frontier:
        cur = frontier.pop()
        for c in tree.values():
            if c.parent == cur and c not in out:
                out.append(c)
                frontier.append(c.id)
    return out


def path(category: str) -> list[str]:
    """The category and its broader ones, narrowest first (``llm-era``, ``generative-ai``,
    ``ai-ml``)."""
    tree = categories()
    out = [category]
    while out[-1] in tree and tree[out[-1]].parent and tree[out[-1]].parent not in out:
        out.append(str(tree[out[-1]].parent))
    return out
