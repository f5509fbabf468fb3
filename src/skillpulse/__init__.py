"""skillpulse: skills-demand intelligence from raw marketplace data.

The front door is :func:`open`, which returns a :class:`~skillpulse.workspace.Workspace`::

    import skillpulse
    ws = skillpulse.open("market.duckdb")
    ws.ingest("postings", "postings.csv")
    ws.extract()
    ws.top(kind="postings", period="2025Q1", n=10).to_pandas()

Importing the package is cheap: no Spark, torch, web framework, network or disk access (the
workspace module and everything it uses load on first use). The steps also live in the
submodules (``skillpulse.ingest``, ``skillpulse.taxonomy``, ``skillpulse.extract``,
``skillpulse.analytics``, ``skillpulse.report``).
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("skillpulse")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from skillpulse.workspace import Workspace

__all__ = ["Workspace", "__version__", "open"]


def open(
    path: str | os.PathLike[str] | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    **settings: Any,
) -> Workspace:
    """A :class:`~skillpulse.workspace.Workspace` over the store at ``path`` (a ``.duckdb``
    file, or a project folder holding ``skillpulse.toml``; default: the current folder).
    See :func:`skillpulse.workspace.open`."""
    from skillpulse.workspace import open as open_workspace

    return open_workspace(path, config=config, **settings)


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from skillpulse.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'skillpulse' has no attribute {name!r}")
