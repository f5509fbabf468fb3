"""Where taxonomies come from: the factories, in one module above the model.

:mod:`skillpulse.taxonomy.model` defines :class:`Taxonomy` and imports no loader; the
loaders (catalog, ESCO, Lightcast, O*NET, merge, the default taxonomy) import the model, and
this module imports the loaders. ``Taxonomy.default()``, ``Taxonomy.load()``,
``Taxonomy.from_file()`` and the other factory classmethods are thin delegations to the
functions here (kept for users); new code can call these directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from skillpulse.taxonomy.catalog import load_builtin, load_catalog
from skillpulse.taxonomy.default import load_default, load_with_files
from skillpulse.taxonomy.esco import load_esco
from skillpulse.taxonomy.lightcast import load_lightcast
from skillpulse.taxonomy.merge import merge
from skillpulse.taxonomy.model import Taxonomy
from skillpulse.taxonomy.onet import load_onet

__all__ = ["builtin", "default", "from_esco", "from_file", "from_lightcast", "from_onet",
           "load", "merged"]


def builtin() -> Taxonomy:
    """The built-in generative-AI catalog shipped with the package."""
    return load_builtin()


def from_file(path: str | os.PathLike[str], *, known_ids: Iterable[str] = ()) -> Taxonomy:
    """A catalog file in the built-in format (YAML or JSON); errors name file, line, field.
    ``known_ids`` are IDs a ``parent`` may refer to besides the file's own concepts."""
    return load_catalog(Path(path), known_ids=known_ids)


def from_esco(path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
    """ESCO skills from ``esco_v*_skills_labels.csv.gz`` (see :mod:`.esco`)."""
    return load_esco(Path(path), **kwargs)


def from_lightcast(path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
    """Lightcast Open Skills from ``lightcast_open_skills_*.csv.gz`` (see :mod:`.lightcast`)."""
    return load_lightcast(Path(path), **kwargs)


def from_onet(path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
    """O*NET Technology Skills from ``technology_skills.txt.gz`` (see :mod:`.onet`)."""
    return load_onet(Path(path), **kwargs)


def merged(*taxonomies: Taxonomy) -> Taxonomy:
    """One taxonomy from several; see :func:`skillpulse.taxonomy.merge.merge`."""
    return merge(*taxonomies)


def default(*, use_cache: bool = True,
            cache_dir: str | os.PathLike[str] | None = None) -> Taxonomy:
    """The built-in catalog merged with the general taxonomies shipped as package data
    (cached as a pickle in ``cache_dir``, default: the ``cache_dir`` setting)."""
    return load_default(use_cache=use_cache, cache_dir=cache_dir)


def load(files: Sequence[str | os.PathLike[str]] | None = None, *, use_cache: bool = True,
         cache_dir: str | os.PathLike[str] | None = None) -> Taxonomy:
    """The default taxonomy with user ``files`` merged on top, later files on top."""
    return load_with_files(files, use_cache=use_cache, cache_dir=cache_dir)
